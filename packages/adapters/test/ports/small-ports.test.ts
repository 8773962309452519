import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { createLogger } from '../../src/logging.js'
import {
  createDevSmsSender,
  createFinFingerprint,
  createPaymentFeed,
  createTestClock,
  maskPhone,
  systemClock,
} from '../../src/ports/index.js'

const capture = () => {
  const lines: string[] = []
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk))
      done()
    },
  })
  return { lines, logger: createLogger({ level: 'info' }, stream) }
}

describe('dev SMS sender', () => {
  it('CAB-5: records each message so the code can be read back', async () => {
    const sms = createDevSmsSender()
    await sms.send('+994501234567', 'Kod: 111111')
    await sms.send('+994501234567', 'Kod: 482913')
    await sms.send('+994551112233', 'Kod: 000000')
    expect(sms.lastMessageTo('+994501234567')).toBe('Kod: 482913')
    expect(sms.lastMessageTo('+994700000000')).toBeUndefined()
    expect(sms.sent).toHaveLength(3)
  })

  it('logs that a message went out without the code and without the full number', async () => {
    const { lines, logger } = capture()
    await createDevSmsSender(logger).send('+994501234567', 'imtahan: your code is 482913')
    logger.flush()
    await new Promise((resolve) => setTimeout(resolve, 10))
    const output = lines.join('')
    expect(output).toContain('sms sent')
    expect(output).toContain('+99450*****67')
    expect(output).not.toContain('482913')
    expect(output).not.toContain('1234567')
  })

  it('masks numbers of any length', () => {
    expect(maskPhone('+994501234567')).toBe('+99450*****67')
    expect(maskPhone('12345')).toBe('*****')
  })
})

describe('FIN fingerprint', () => {
  const fingerprint = createFinFingerprint('fingerprint-secret-0123456789')

  it('is stable, hex, and never shows the FIN', () => {
    const key = fingerprint('5ZK7P2Q')
    expect(fingerprint('5ZK7P2Q')).toBe(key)
    expect(key).toMatch(/^[0-9a-f]{64}$/)
    expect(key).not.toContain('5ZK7P2Q')
    expect(fingerprint('5ZK7P2R')).not.toBe(key)
  })

  it('depends on the secret, so it cannot be recomputed without it', () => {
    expect(createFinFingerprint('another-secret-0123456789')('5ZK7P2Q')).not.toBe(fingerprint('5ZK7P2Q'))
    expect(() => createFinFingerprint('too-short')).toThrow(/at least 16 bytes/)
  })
})

describe('clocks', () => {
  it('the test clock moves only when told to', () => {
    const clock = createTestClock('2026-05-20T08:00:00Z')
    expect(clock.now().toISOString()).toBe('2026-05-20T08:00:00.000Z')
    clock.advance(61_000)
    expect(clock.now().toISOString()).toBe('2026-05-20T08:01:01.000Z')
    clock.set('2027-01-01T00:00:00Z')
    expect(clock.now().toISOString()).toBe('2027-01-01T00:00:00.000Z')
  })

  it('hands out copies, so a caller cannot move it by mutating a date', () => {
    const clock = createTestClock()
    clock.now().setFullYear(1999)
    expect(clock.now().getUTCFullYear()).toBe(2026)
  })

  it('the system clock reads real time', () => {
    expect(Math.abs(systemClock.now().getTime() - Date.now())).toBeLessThan(1000)
  })
})

describe('payment feed', () => {
  it('delivers each pushed notification to every subscriber until it unsubscribes', async () => {
    const feed = createPaymentFeed<{ readonly code: string }>()
    const seen: string[] = []
    const stop = feed.subscribe(async (n) => {
      seen.push(n.code)
    })
    await feed.push({ code: 'A1' })
    stop()
    feed.subscribe(async (n) => {
      seen.push(`other:${n.code}`)
    })
    await feed.push({ code: 'B2' })
    expect(seen).toEqual(['A1', 'other:B2'])
  })

  it('refuses a notification nobody takes, or one a subscriber fails on, so the provider resends', async () => {
    const feed = createPaymentFeed<string>()
    await expect(feed.push('lost')).rejects.toThrow(/No payment handler/)
    feed.subscribe(async () => {
      throw new Error('store down')
    })
    await expect(feed.push('x')).rejects.toThrow('store down')
  })
})
