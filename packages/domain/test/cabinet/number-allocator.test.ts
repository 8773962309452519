import * as fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  CabinetId,
  CabinetNumber,
  type CabinetNumberAllocated,
  cabinetNumberAllocator,
  cabinetNumberFor,
  fold,
  MAX_CABINET_SEQUENCE,
  numberOf,
} from '../../src/index.js'
import { right, specification } from '../support/specification.js'
import { decoded } from '../values/codec-assertions.js'
import { cabinetId, otherCabinetId } from './fixtures.js'

const allocator = specification(cabinetNumberAllocator)
const allocate = (id = cabinetId) => ({ type: 'Allocate', cabinetId: id }) as const
const allocated = (id: CabinetId, sequence: number): CabinetNumberAllocated => ({
  type: 'CabinetNumberAllocated',
  cabinetId: id,
  sequence: sequence as CabinetNumberAllocated['sequence'],
  cabinetNumber: cabinetNumberFor(sequence),
})

/** Allocates for each id in turn, appending each decision, as the command handler does. */
const allocateAll = (ids: readonly CabinetId[]) => {
  const stream: CabinetNumberAllocated[] = []
  for (const id of ids)
    stream.push(
      ...right(cabinetNumberAllocator.decide(allocate(id), fold(cabinetNumberAllocator, stream), undefined)),
    )
  return stream
}

describe('Cabinet-number allocator (CAB-7)', () => {
  it('CAB-7: the first cabinet gets the first number, the next one the next', () => {
    allocator
      .given([])
      .when(allocate(), undefined)
      .then([allocated(cabinetId, 1)])
    allocator
      .given([allocated(cabinetId, 1)])
      .when(allocate(otherCabinetId), undefined)
      .then([allocated(otherCabinetId, 2)])
  })

  it('CAB-7: a retry for the same cabinet allocates nothing and finds the number it already has', () => {
    const history = [allocated(cabinetId, 1), allocated(otherCabinetId, 2)]
    allocator.given(history).when(allocate(), undefined).then([])
    const state = fold(cabinetNumberAllocator, history)
    expect(numberOf(state, cabinetId)).toBe(cabinetNumberFor(1))
    expect(numberOf(state, otherCabinetId)).toBe(cabinetNumberFor(2))
    expect(numberOf(fold(cabinetNumberAllocator, []), cabinetId)).toBeUndefined()
  })

  it('CAB-7 property: N allocations give N distinct valid numbers, and repeats give the same number', () => {
    const ids = fc
      .uniqueArray(fc.uuid(), { minLength: 1, maxLength: 60 })
      .map((raw) => raw.map((id) => decoded(CabinetId, id)))
    fc.assert(
      fc.property(ids, fc.array(fc.nat(), { maxLength: 20 }), (unique, repeatPicks) => {
        const repeats = repeatPicks.map((pick) => unique[pick % unique.length]!)
        const stream = allocateAll([...unique, ...repeats])
        expect(stream).toHaveLength(unique.length)
        const numbers = stream.map((event) => event.cabinetNumber)
        expect(new Set(numbers).size).toBe(unique.length)
        for (const number of numbers) expect(CabinetNumber.is(number)).toBe(true)
        const state = fold(cabinetNumberAllocator, stream)
        for (const id of repeats)
          expect(numberOf(state, id)).toBe(stream.find((e) => e.cabinetId === id)?.cabinetNumber)
      }),
      { numRuns: 50 },
    )
  })

  it('CAB-7: concurrent allocations cannot share a number — the store takes one, the other re-decides', () => {
    const history = [allocated(cabinetId, 1)]
    const state = fold(cabinetNumberAllocator, history)
    const a = cabinetNumberAllocator.decide(allocate(otherCabinetId), state, undefined)
    const b = cabinetNumberAllocator.decide(
      allocate(decoded(CabinetId, '11111111-2222-4333-8444-555555555555')),
      state,
      undefined,
    )
    // Both decided sequence 2 against revision 1; an append at an expected revision admits only one.
    expect(E.isRight(a) && E.isRight(b) && a.right[0]?.sequence === b.right[0]?.sequence).toBe(true)
    const afterA = [...history, ...right(a)]
    const retried = right(
      cabinetNumberAllocator.decide(
        allocate(decoded(CabinetId, '11111111-2222-4333-8444-555555555555')),
        fold(cabinetNumberAllocator, afterA),
        undefined,
      ),
    )
    expect(retried[0]?.sequence).toBe(3)
  })

  it('CAB-7: when the 8-digit range is used up, allocation is refused rather than wrapping around', () => {
    allocator
      .given([allocated(cabinetId, MAX_CABINET_SEQUENCE)])
      .when(allocate(otherCabinetId), undefined)
      .thenFails('cabinet.numbers_exhausted')
  })
})
