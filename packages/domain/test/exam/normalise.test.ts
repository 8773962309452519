import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isPlainlyNormal, normaliseOpenAnswer, readClosedAnswer } from '../../src/index.js'
import { azUpper, nearMiss, openAnswerArb } from './form-arbitraries.js'

describe('SCO-2: open answers are compared after normalisation', () => {
  it.each([
    ['  Bakı  ', 'bakı'],
    ['İNZİBATİ', 'inzibati'],
    ['ISLAQ', 'ıslaq'],
    ['ŞƏKİ', 'şəki'],
    ['ikinci \t\n  dərəcə', 'ikinci dərəcə'],
    ['3,5', '3.5'],
    ['1,25 m', '1.25 m'],
    ['a, b', 'a, b'],
    ['I\u0307nzibati', 'inzibati'], // İ typed as I + combining dot above
    ['\u00a0x\u2003y\u00a0', 'x y'], // no-break and em spaces
    ['   ', ''],
  ])('SCO-2: %j normalises to %j', (typed, normal) => {
    expect(normaliseOpenAnswer(typed)).toBe(normal)
  })

  it('SCO-2: Azerbaijani dotted and dotless i stay different letters', () => {
    expect(normaliseOpenAnswer('sırf')).not.toBe(normaliseOpenAnswer('sirf'))
    expect(normaliseOpenAnswer('SIRF')).toBe('sırf')
    expect(normaliseOpenAnswer('SİRF')).toBe('sirf')
  })

  it('SCO-2/SCO-7: normalisation is idempotent (a normal answer is its own normal form)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), openAnswerArb),
        (text) => {
          const once = normaliseOpenAnswer(text)
          expect(normaliseOpenAnswer(once)).toBe(once)
        },
      ),
    )
  })

  it('SCO-2: spacing, capitals and a decimal comma never change the normal form', () => {
    fc.assert(
      fc.property(openAnswerArb, fc.nat(), (answer, way) => {
        expect(normaliseOpenAnswer(nearMiss(answer, way))).toBe(normaliseOpenAnswer(answer))
      }),
    )
  })

  it('SCO-2: the scorer shortcut is sound — a plainly normal text is its own normal form', () => {
    fc.assert(
      fc.property(fc.oneof(openAnswerArb, fc.string(), openAnswerArb.map(azUpper)), (text) => {
        if (isPlainlyNormal(text)) expect(normaliseOpenAnswer(text)).toBe(text)
      }),
    )
    expect(isPlainlyNormal('ikinci dərəcə')).toBe(true)
    expect(isPlainlyNormal('ikinci  dərəcə')).toBe(false)
  })
})

describe('SCO-2: a closed answer is one option letter', () => {
  it.each([
    ['A', 'A'],
    [' c ', 'C'],
    ['e', 'E'],
    ['', 'blank'],
    ['  \t', 'blank'],
    ['AB', 'other'],
    ['1', 'other'],
    ['F', 'other'],
    ['Ə', 'other'],
  ] as const)('SCO-2: %j reads as %s', (typed, reading) => {
    expect(readClosedAnswer(typed)).toBe(reading)
  })
})
