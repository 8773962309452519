import { describe, expect, it } from 'vitest'
import { deterministicUuid, IMTAHAN_NAMESPACE, randomId } from '../src/ids.js'

const DNS = '6ba7b810-9dad-11d1-80b4-00c04fd430c8'
const URL_NS = '6ba7b811-9dad-11d1-80b4-00c04fd430c8'

describe('deterministic ids (UUID v5)', () => {
  it('matches the published v5 vectors', () => {
    expect(deterministicUuid(DNS, 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2')
    expect(deterministicUuid(DNS, 'python.org')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d')
    expect(deterministicUuid(URL_NS, 'http://python.org/')).toBe('4c565f0d-3f5a-5890-b41b-20cf47701c5e')
  })

  it('is stable for the same name and different for another name or namespace', () => {
    const id = deterministicUuid(IMTAHAN_NAMESPACE, 'wallet-1|cmd-7|0')
    expect(deterministicUuid(IMTAHAN_NAMESPACE, 'wallet-1|cmd-7|0')).toBe(id)
    expect(deterministicUuid(IMTAHAN_NAMESPACE, 'wallet-1|cmd-7|1')).not.toBe(id)
    expect(deterministicUuid(DNS, 'wallet-1|cmd-7|0')).not.toBe(id)
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  })

  it('hashes names as UTF-8, like every other v5 implementation (Python uuid5 gives the same)', () => {
    expect(deterministicUuid(DNS, 'Məmmədov')).toBe('320cc702-94cc-5f78-a86e-3c496ea2d445')
  })

  it('refuses a namespace that is not a UUID', () => {
    expect(() => deterministicUuid('not-a-uuid', 'x')).toThrow(/namespace must be a UUID/)
  })

  it('random ids are version 4 and differ', () => {
    const a = randomId()
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(randomId()).not.toBe(a)
  })
})
