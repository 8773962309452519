import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  type ExamCommand,
  type ExamEvent,
  type ExamState,
  examDecider,
  seatBook,
} from '../../../src/index.js'
import { DEFINED_AT, EXAM, examHistory } from '../session/fixtures.js'

/**
 * EXM-10 with the seat book kept in the state: every decision equals what
 * rebuilding the book from the whole history and scanning from the first
 * seat gives (the rule as first written), including decisions on an older
 * state after a newer one has moved on (a retried command).
 */
type Op = { readonly kind: 'allocate' | 'release'; readonly n: number; readonly from: number }

const opArb: fc.Arbitrary<Op> = fc.record({
  kind: fc.constantFrom('allocate', 'allocate', 'release'),
  n: fc.integer({ min: 1, max: 6 }),
  // How many states back to decide on: 0 is the newest, more is a stale state deciding again.
  from: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 3 })),
})

const commandOf = (op: Op): ExamCommand =>
  op.kind === 'allocate'
    ? {
        type: 'AllocateSeat',
        examId: EXAM,
        registrationId: `${EXAM}.cab-${op.n}:1`,
        sessionId: `${EXAM}.cab-${op.n}`,
      }
    : { type: 'ReleaseSeat', examId: EXAM, registrationId: `${EXAM}.cab-${op.n}:1`, reason: 'test' }

/** The first free seat by the rule as written: halls in order, seats from 1, against the whole history. */
const referenceFirstFree = (events: readonly ExamEvent[]) => {
  const taken = new Set<string>()
  for (const event of events)
    if (event.type === 'SeatAllocated') taken.add(`${event.hallId}#${event.seat}`)
    else if (event.type === 'SeatReleased') taken.delete(`${event.hallId}#${event.seat}`)
  const defined = events[0]
  if (defined?.type !== 'ExamDefined') throw new Error('no definition')
  for (const hall of defined.halls)
    for (let seat = 1; seat <= hall.seats; seat++)
      if (!taken.has(`${hall.hallId}#${seat}`)) return { hallId: hall.hallId, seat }
  return undefined
}

describe('the seat book kept in the state (EXM-10)', () => {
  it('allocates exactly as rebuilding the book and scanning from the first seat would, stale states included', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 30 }), (ops) => {
        const history: { state: ExamState; events: ExamEvent[] }[] = []
        const start = examHistory()
        history.push({ state: start.reduce(examDecider.evolve, examDecider.initialState), events: start })
        for (const op of ops) {
          const base = history[Math.max(0, history.length - 1 - op.from)]!
          const decision = examDecider.decide(commandOf(op), base.state, { now: DEFINED_AT })
          if (E.isLeft(decision)) {
            expect(decision.left.code).toBe('exam.unknown_registration')
            continue
          }
          const [event] = decision.right
          if (event?.type === 'SeatAllocated')
            expect({ hallId: event.hallId, seat: event.seat }).toEqual(referenceFirstFree(base.events))
          if (event?.type === 'SeatAllocationDeclined' && event.reason === 'exam.seat_unavailable')
            expect(referenceFirstFree(base.events)).toBeUndefined()
          const state = decision.right.reduce(examDecider.evolve, base.state)
          const events = [...base.events, ...decision.right]
          history.push({ state, events })
          // The book each state reads is the one its own history folds to, whichever state evolved last.
          const fresh = seatBook(events.reduce(examDecider.evolve, examDecider.initialState))
          expect(seatBook(state)).toEqual(fresh)
          expect(seatBook(base.state)).toEqual(
            seatBook(base.events.reduce(examDecider.evolve, examDecider.initialState)),
          )
        }
      }),
    )
  })
})
