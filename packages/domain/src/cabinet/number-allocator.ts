import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import type { Decider } from '../kernel/decider.js'
import { type DomainError, domainError } from '../kernel/errors.js'
import { CabinetNumber, cabinetNumberFor, MAX_CABINET_SEQUENCE } from '../values/cabinet-number.js'
import { CabinetId } from './person.js'

/**
 * CAB-7: unique cabinet numbers. A single stream appended with an expected
 * revision, so concurrent allocations are serialised by the store and a
 * sequence is never handed out twice. Numbers are never reused: a number
 * allocated to a registration that is never completed stays unused.
 */
export const CabinetNumberAllocated = t.type(
  {
    type: t.literal('CabinetNumberAllocated'),
    cabinetId: CabinetId,
    sequence: t.Int,
    cabinetNumber: CabinetNumber,
  },
  'CabinetNumberAllocated',
)
export type CabinetNumberAllocated = t.TypeOf<typeof CabinetNumberAllocated>

export type AllocateCabinetNumber = { readonly type: 'Allocate'; readonly cabinetId: CabinetId }

/**
 * Allocations as an immutable list, newest first: folding stays linear (no
 * copy of a map per event) and a retry, which comes soon after its first
 * try, is found near the head.
 */
type Allocation = {
  readonly cabinetId: CabinetId
  readonly cabinetNumber: CabinetNumber
  readonly previous: Allocation | undefined
}
export type CabinetNumberAllocatorState = { readonly lastSequence: number; readonly latest?: Allocation }

/** The number already allocated to `cabinetId`, so a retried completion gets the same one. */
export const numberOf = (
  state: CabinetNumberAllocatorState,
  cabinetId: CabinetId,
): CabinetNumber | undefined => {
  for (let entry = state.latest; entry !== undefined; entry = entry.previous)
    if (entry.cabinetId === cabinetId) return entry.cabinetNumber
  return undefined
}

const allocate = (
  command: AllocateCabinetNumber,
  state: CabinetNumberAllocatorState,
): E.Either<DomainError, readonly CabinetNumberAllocated[]> => {
  if (numberOf(state, command.cabinetId) !== undefined) return E.right([])
  const sequence = state.lastSequence + 1
  if (sequence > MAX_CABINET_SEQUENCE)
    return E.left(
      domainError(
        'cabinet.numbers_exhausted',
        'No cabinet numbers are left; the operator must widen the range.',
        {
          maxSequence: MAX_CABINET_SEQUENCE,
        },
      ),
    )
  const cabinetNumber = cabinetNumberFor(sequence)
  return E.right([
    {
      type: 'CabinetNumberAllocated',
      cabinetId: command.cabinetId,
      sequence: sequence as t.Int,
      cabinetNumber,
    },
  ])
}

export const cabinetNumberAllocator: Decider<
  AllocateCabinetNumber,
  CabinetNumberAllocated,
  CabinetNumberAllocatorState,
  void
> = {
  initialState: { lastSequence: 0 },
  decide: (command, state) => allocate(command, state),
  evolve: (state, event) => ({
    lastSequence: Math.max(state.lastSequence, event.sequence),
    latest: { cabinetId: event.cabinetId, cabinetNumber: event.cabinetNumber, previous: state.latest },
  }),
}
