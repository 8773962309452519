import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CabinetNumber, cabinetNumberFor, luhnDigit, MAX_CABINET_SEQUENCE } from '../../src/index.js'
import { decoded, expectRefused } from './codec-assertions.js'

const sequence = fc.integer({ min: 1, max: MAX_CABINET_SEQUENCE })
const EXPLANATION = 'a cabinet number is 8 digits with a valid check digit'

describe('cabinet number (CAB-7)', () => {
  it('CAB-7: numbers are 8 digits, never start with 0, and end in a Luhn check digit', () => {
    expect(cabinetNumberFor(1)).toBe(`1000001${luhnDigit('1000001')}`)
    expect(luhnDigit('7992739871')).toBe('3') // the textbook Luhn example
    fc.assert(
      fc.property(sequence, (n) => {
        const number = cabinetNumberFor(n)
        expect(number).toMatch(/^[1-9]\d{7}$/)
        expect(CabinetNumber.is(number)).toBe(true)
      }),
    )
  })

  it('CAB-7: people may type spaces; other shapes are refused with a readable message', () => {
    const number = cabinetNumberFor(42)
    expect(decoded(CabinetNumber, `${number.slice(0, 4)} ${number.slice(4)}`)).toBe(number)
    for (const bad of [number.slice(0, 7), `${number}0`, `A${number.slice(1)}`, '', 10000017])
      expectRefused(CabinetNumber, bad, EXPLANATION)
  })

  it('CAB-7 property: any single-digit typo is rejected (WAL-4 never reaches another cabinet by one slip)', () => {
    fc.assert(
      fc.property(sequence, fc.nat(7), fc.integer({ min: 1, max: 9 }), (n, position, shift) => {
        const number = cabinetNumberFor(n)
        const wrong = (Number(number[position]) + shift) % 10
        const typo = `${number.slice(0, position)}${wrong}${number.slice(position + 1)}`
        expect(CabinetNumber.decode(typo)._tag).toBe('Left')
      }),
      { numRuns: 2000 },
    )
  })

  it('CAB-7: distinct sequences give distinct numbers', () => {
    fc.assert(
      fc.property(sequence, sequence, (a, b) => {
        fc.pre(a !== b)
        expect(cabinetNumberFor(a)).not.toBe(cabinetNumberFor(b))
      }),
    )
  })

  it('a sequence outside 1…MAX_CABINET_SEQUENCE is a programming error, not a number', () => {
    for (const bad of [0, -1, 1.5, MAX_CABINET_SEQUENCE + 1])
      expect(() => cabinetNumberFor(bad)).toThrow(RangeError)
  })
})
