import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FIN_ALPHABET, Fin } from '../../src/index.js'
import { decoded, expectRefused } from './codec-assertions.js'

const EXPLANATION = 'a FIN is 7 capital Latin letters and digits without I and O'

/** The CAB-1 rule written out without a regex, to check the codec's regex against. */
const followsRule = (text: string): boolean =>
  [...text].length === 7 &&
  [...text].every((c) => (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z' && c !== 'I' && c !== 'O'))

describe('FIN (CAB-1)', () => {
  it('CAB-1: accepts 7 capital letters and digits exactly as printed', () => {
    expect(decoded(Fin, '5ZK7P2Q')).toBe('5ZK7P2Q')
    expect(decoded(Fin, '0000000')).toBe('0000000')
  })

  it('CAB-1: refuses I and O, lower case, wrong lengths, spaces and non-strings with a readable message', () => {
    for (const bad of [
      '5ZK7I2Q',
      '5ZK7O2Q',
      '5zk7p2q',
      '5ZK7P2',
      '5ZK7P2QA',
      ' 5ZK7P2Q',
      '5ZK 7P2Q',
      '',
      1234567,
    ])
      expectRefused(Fin, bad, EXPLANATION)
  })

  it('CAB-1: the alphabet is A–Z without I and O, plus digits', () => {
    expect([...FIN_ALPHABET].sort()).toEqual([...'0123456789ABCDEFGHJKLMNPQRSTUVWXYZ'].sort())
  })

  it('CAB-1 property: a string is accepted exactly when it follows the rule', () => {
    const unit = fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcio -Əİ')
    fc.assert(
      fc.property(fc.string({ unit, minLength: 5, maxLength: 9 }), (text) => {
        expect(Fin.is(text)).toBe(followsRule(text))
        expect(Fin.decode(text)._tag === 'Right').toBe(followsRule(text))
      }),
      { numRuns: 2000 },
    )
  })

  it('CAB-1 property: every 7-character string over the alphabet is a FIN', () => {
    const unit = fc.constantFrom(...FIN_ALPHABET)
    fc.assert(
      fc.property(fc.string({ unit, minLength: 7, maxLength: 7 }), (text) => {
        expect(Fin.is(text)).toBe(true)
      }),
    )
  })
})
