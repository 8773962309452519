import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MOBILE_OPERATOR_CODES, normalisePhone, PhoneNumber } from '../../src/index.js'
import { decoded, expectRefused } from './codec-assertions.js'

const operator = fc.constantFrom(...MOBILE_OPERATOR_CODES)
const subscriber = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 7, maxLength: 7 })

/** The ways people write one number: `op` the operator code, `s` the 7 subscriber digits. */
const renderings: ReadonlyArray<(op: string, s: string) => string> = [
  (op, s) => `0${op} ${s.slice(0, 3)} ${s.slice(3, 5)} ${s.slice(5)}`,
  (op, s) => `(0${op}) ${s.slice(0, 3)}-${s.slice(3, 5)}-${s.slice(5)}`,
  (op, s) => `+994${op}${s}`,
  (op, s) => `994 ${op} ${s.slice(0, 3)} ${s.slice(3, 5)} ${s.slice(5)}`,
  (op, s) => `00994${op}${s}`,
  (op, s) => `${op} ${s}`,
  (op, s) => ` +994 (${op}) ${s} `,
]

describe('mobile phone number (CAB-4)', () => {
  it('CAB-4: common input forms normalise to E.164', () => {
    for (const input of [
      '050 123 45 67',
      '+994501234567',
      '994 50 123 45 67',
      '(050) 123-45-67',
      '0501234567',
      '00994501234567',
      '50 123 45 67',
      '+994 50 123-45-67',
    ])
      expect(decoded(PhoneNumber, input)).toBe('+994501234567')
  })

  it('CAB-4: every Azerbaijani mobile operator code is accepted', () => {
    for (const code of MOBILE_OPERATOR_CODES)
      expect(normalisePhone(`0${code} 123 45 67`)).toBe(`+994${code}1234567`)
  })

  it('CAB-4: landlines, unknown operators, other countries and wrong lengths are refused, not guessed', () => {
    for (const bad of [
      '012 345 67 89', // Baku landline
      '+994 12 345 67 89',
      '040 123 45 67', // no such operator
      '+7 905 123 45 67',
      '+0501234567',
      '050 123 45 6',
      '050 123 45 678',
      '+994 50 123 45 67 8',
      '050-123-45-67 ext 1',
      'five-oh',
      '',
      501234567,
    ])
      expectRefused(PhoneNumber, bad, 'a mobile number is +994, an operator code')
  })

  it('CAB-4 property: every rendering of a mobile number normalises to +994, operator, 7 digits', () => {
    fc.assert(
      fc.property(operator, subscriber, fc.constantFrom(...renderings), (op, s, render) => {
        expect(normalisePhone(render(op, s))).toBe(`+994${op}${s}`)
      }),
    )
  })

  it('CAB-4 property: normalisation is idempotent for every accepted input', () => {
    const typed = fc.string({ unit: fc.constantFrom(...'0123456789 +()-'), minLength: 9, maxLength: 18 })
    const rendered = fc
      .tuple(operator, subscriber, fc.constantFrom(...renderings))
      .map(([op, s, render]) => render(op, s))
    fc.assert(
      fc.property(fc.oneof(typed, rendered), (input) => {
        const once = normalisePhone(input)
        if (once === undefined) return
        expect(normalisePhone(once)).toBe(once)
        expect(PhoneNumber.is(once)).toBe(true)
      }),
      { numRuns: 3000 },
    )
  })
})
