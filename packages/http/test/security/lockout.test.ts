import { describe, expect, it } from 'vitest'
import { type Backing, makeHttp } from '../support/app.js'
import { client } from '../support/client.js'
import { RASHAD, register } from '../support/flows.js'

const WRONG = 'Wrong2026pw'

/** The test app reads the peer address from a header, as `getConnInfo` gives it in `imtahan serve`. */
const appWithPeers = (backing: Backing, trustedProxies: readonly string[] = []) =>
  makeHttp(backing, {
    clientAddress: { peerAddress: (c) => c.req.header('x-test-peer'), trustedProxies },
  })

/** Variants of a cabinet number that the domain reads as that number. */
const spacedVariants = (number: string) => [
  `${number.slice(0, 4)} ${number.slice(4)}`,
  number.split('').join(' '),
  `${number.slice(0, 2)}\t${number.slice(2)}`,
  `${number.slice(0, 4)}\u00a0${number.slice(4)}`,
  `${number.slice(0, 4)}\u2003${number.slice(4)}`,
  ` ${number}\n`,
]

describe('security: sign-in lock-out', () => {
  it('lock-out bypass: whitespace inside a cabinet number does not reset the back-off', {
    timeout: 90_000,
  }, async () => {
    const app = await appWithPeers('memory')
    try {
      const http = client(app.app)
      const { cabinetNumber } = await register(http, RASHAD)
      const from = (peer: string) => ({ 'x-test-peer': peer })
      for (let i = 0; i < 5; i++)
        expect(
          (
            await http.post('/session', {
              body: { login: cabinetNumber, password: WRONG },
              headers: from(`192.0.2.${i}`),
            })
          ).status,
        ).toBe(401)
      expect(
        (
          await http.post('/session', {
            body: { login: cabinetNumber, password: WRONG },
            headers: from('192.0.2.9'),
          })
        ).status,
      ).toBe(429)
      // The attack as reported: each variant used to be checked again (401), the last one signed in (201).
      for (const [i, variant] of spacedVariants(cabinetNumber).entries()) {
        const answer = await http.post('/session', {
          body: { login: variant, password: WRONG },
          headers: from(`198.51.100.${i}`),
        })
        expect(answer.status, JSON.stringify(variant)).toBe(429)
        expect(answer.json.code).toBe('auth.too_many_attempts')
        expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0)
      }
      const rightPassword = await http.post('/session', {
        body: { login: `${cabinetNumber.slice(0, 7)} ${cabinetNumber.slice(7)}`, password: RASHAD.password },
        headers: from('203.0.113.1'),
      })
      expect(rightPassword.status).toBe(429)
      // The FIN is the same person but another login: its own counter (and it is not locked).
      expect(
        (
          await http.post('/session', {
            body: { login: RASHAD.fin, password: RASHAD.password },
            headers: from('203.0.113.2'),
          })
        ).status,
      ).toBe(201)
    } finally {
      await app.close()
    }
  })

  it('lock-out bypass: one client address trying many logins is locked after 20 failures (X-Forwarded-For ignored)', async () => {
    const app = await appWithPeers('memory')
    try {
      const http = client(app.app)
      const { cabinetNumber } = await register(http, RASHAD)
      const statuses: number[] = []
      for (let i = 0; i < 40; i++) {
        const login = `X${String(i).padStart(6, '0')}`
        const answer = await http.post('/session', {
          body: { login, password: WRONG },
          headers: { 'x-test-peer': '192.0.2.77', 'x-forwarded-for': `10.9.${i}.1` },
        })
        statuses.push(answer.status)
      }
      expect(statuses.slice(0, 20).every((status) => status === 401)).toBe(true)
      expect(statuses.slice(20).every((status) => status === 429)).toBe(true)
      // Even the right password from that address waits; another address signs in.
      expect(
        (
          await http.post('/session', {
            body: { login: cabinetNumber, password: RASHAD.password },
            headers: { 'x-test-peer': '192.0.2.77' },
          })
        ).status,
      ).toBe(429)
      expect(
        (
          await http.post('/session', {
            body: { login: cabinetNumber, password: RASHAD.password },
            headers: { 'x-test-peer': '192.0.2.78' },
          })
        ).status,
      ).toBe(201)
      app.clock.advance(61_000)
      expect(
        (
          await http.post('/session', {
            body: { login: cabinetNumber, password: RASHAD.password },
            headers: { 'x-test-peer': '192.0.2.77' },
          })
        ).status,
      ).toBe(201)
    } finally {
      await app.close()
    }
  })

  it('lock-out: behind a configured proxy, X-Forwarded-For names the client', async () => {
    const app = await appWithPeers('memory', ['10.0.0.5'])
    try {
      const http = client(app.app)
      let serial = 0
      const attempt = (forwardedFor: string) => {
        serial += 1
        return http.post('/session', {
          body: { login: `Z${String(serial).padStart(6, '0')}`, password: WRONG },
          headers: { 'x-test-peer': '::ffff:10.0.0.5', 'x-forwarded-for': forwardedFor },
        })
      }
      // The left entries are whatever the client claimed; the proxy appended the real address last.
      for (let i = 0; i < 20; i++) expect((await attempt(`10.1.1.${i}, 203.0.113.50`)).status).toBe(401)
      expect((await attempt('10.1.1.99, 203.0.113.50')).status).toBe(429)
      // Another client behind the same proxy is not locked.
      expect((await attempt('203.0.113.51')).status).toBe(401)
    } finally {
      await app.close()
    }
  })
})
