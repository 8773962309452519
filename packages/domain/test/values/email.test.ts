import { describe, expect, it } from 'vitest'
import { Email } from '../../src/index.js'
import { decoded, expectRefused } from './codec-assertions.js'

describe('e-mail (CAB-4)', () => {
  it('CAB-4: a plain address is accepted, trimmed, with the domain lower-cased and the local part kept', () => {
    expect(decoded(Email, '  Aysel.Mammadova@Mail.AZ ')).toBe('Aysel.Mammadova@mail.az')
    expect(decoded(Email, 'a+exam@sub.example.com')).toBe('a+exam@sub.example.com')
  })

  it('CAB-4: malformed addresses are refused with an example of a good one', () => {
    const longLocal = `${'a'.repeat(65)}@mail.az`
    const tooLong = `a@${'b'.repeat(250)}.az`
    for (const bad of [
      'no-at.az',
      'a@b',
      'a b@mail.az',
      'a@@mail.az',
      '@mail.az',
      'a@mail..az',
      longLocal,
      tooLong,
      '',
    ])
      expectRefused(Email, bad, 'an e-mail address looks like name@example.az')
  })

  it('decoding an encoded address changes nothing', () => {
    const once = decoded(Email, 'X@Y.AZ')
    expect(decoded(Email, Email.encode(once))).toBe(once)
    expect(Email.is(once)).toBe(true)
  })
})
