import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeWith, Money, MoneyFromString, PositiveMoney } from '../src/index.js'
import { left, right } from './support/specification.js'

const qepik = fc.bigInt({ min: 0n, max: 10n ** 15n })

describe('Money (AZN, qəpik precision)', () => {
  it('parses and formats with exactly two decimals', () => {
    expect(Money.format(right(Money.parse('12')))).toBe('12.00')
    expect(Money.format(right(Money.parse('12.5')))).toBe('12.50')
    expect(Money.format(right(Money.parse('0.05')))).toBe('0.05')
  })

  it('refuses more than two decimals, signs, exponents, commas and blanks with a readable message', () => {
    for (const bad of ['12.345', '-1', '+1', '1e3', '12,50', '', ' 1', '01', '.5', 'NaN', 'Infinity']) {
      const error = left(Money.parse(bad))
      expect(error.code).toBe('money.invalid_amount')
      expect(error.message).toContain('at most 2 decimals')
    }
  })

  it('property: format ∘ parse round-trips every amount and never loses a qəpik', () => {
    fc.assert(
      fc.property(qepik, (q) => {
        const money = Money.fromQepik(q)
        const reparsed = right(Money.parse(Money.format(money)))
        expect(Money.toQepik(reparsed)).toBe(q)
        expect(Money.equals(reparsed, money)).toBe(true)
      }),
    )
  })

  it('property: adding and subtracting is exact to the qəpik (no float drift)', () => {
    fc.assert(
      fc.property(fc.array(qepik, { maxLength: 50 }), (amounts) => {
        const total = Money.sum(amounts.map(Money.fromQepik))
        expect(Money.toQepik(total)).toBe(amounts.reduce((a, b) => a + b, 0n))
        const back = amounts.map(Money.fromQepik).reduce(Money.subtract, total)
        expect(Money.isZero(back)).toBe(true)
      }),
    )
  })

  it('codecs reject numbers (a JS number never holds money) and zero where a positive amount is required', () => {
    expect(left(decodeWith(MoneyFromString)(12.5)).message).toContain('must be a string')
    expect(left(decodeWith(PositiveMoney)('0.00')).message).toContain('greater than 0.00')
    expect(MoneyFromString.encode(right(decodeWith(MoneyFromString)('3.1')))).toBe('3.10')
  })
})
