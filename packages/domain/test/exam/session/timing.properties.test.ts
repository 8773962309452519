import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  examSessionDecider,
  type SessionCommand,
  type SessionEvent,
  type SittingView,
  sessionView,
} from '../../../src/index.js'
import {
  admitCommand,
  answer,
  BB_CLOSED,
  context,
  examHistory,
  fromStart,
  hallCommand,
  play,
  registered,
  SESSION,
  sittingOf,
  stateOf,
} from './fixtures.js'

/**
 * EXM-11/14/15/16 with timings other than the booklet's: a sitting is defined
 * with the generated timing (through DefineExam, as the board would), and the
 * session's commands are tried one millisecond either side of each boundary.
 * The arrival cut-off is at least a minute before `S` so there is a moment to
 * be admitted and seated in.
 */
const timings = fc
  .record({
    arrival: fc.integer({ min: 1, max: 180 }),
    familiarisationShare: fc.double({ min: 0, max: 1, noNaN: true }),
    duration: fc.integer({ min: 2, max: 600 }),
    earliestShare: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map(({ arrival, familiarisationShare, duration, earliestShare }) => ({
    arrivalBeforeStartMinutes: arrival,
    familiarisationMinutes: Math.floor(familiarisationShare * arrival),
    durationMinutes: duration,
    earliestFinishMinutes: Math.min(duration - 1, Math.floor(earliestShare * duration)),
  }))
  .filter(
    (timing) =>
      timing.arrivalBeforeStartMinutes !== 30 ||
      timing.familiarisationMinutes !== 15 ||
      timing.durationMinutes !== 180 ||
      timing.earliestFinishMinutes !== 45,
  )

const MS = 1
const at = (minutes: number, deltaMs = 0) => new Date(fromStart(minutes).getTime() + deltaMs)

const attempt = (events: readonly SessionEvent[], command: SessionCommand, now: Date, sitting: SittingView) =>
  examSessionDecider.decide(command, stateOf(events), context(now, sitting))

const codeOf = (result: ReturnType<typeof attempt>) => (E.isLeft(result) ? result.left.code : undefined)
const typesOf = (result: ReturnType<typeof attempt>) =>
  E.isRight(result) ? result.right.map((event) => event.type) : [`refused: ${codeOf(result)}`]

const finish = { type: 'FinishSession', sessionId: SESSION } as const
const closeIfDue = { type: 'CloseIfDue', sessionId: SESSION } as const
const TASK = BB_CLOSED('logic', 1)

describe('EXM-11/14/15/16: configured timings drive the session (property)', () => {
  it('EXM-11/EXM-14/EXM-15/EXM-16: admission, familiarisation, start, earliest finish and end follow the sitting’s timing', () => {
    fc.assert(
      fc.property(timings, (timing) => {
        const sitting = sittingOf(examHistory({ timing }))
        expect(sitting.timing).toMatchObject(timing)
        const base = registered('BB2', sitting)
        const cutoff = -timing.arrivalBeforeStartMinutes

        // EXM-11: admitted up to the cut-off inclusive, late one millisecond after it.
        expect(typesOf(attempt(base, admitCommand(), at(cutoff), sitting))).toEqual(['CandidateAdmitted'])
        const late = attempt(base, admitCommand(), at(cutoff, MS), sitting)
        expect(E.isRight(late) && late.right[0]).toMatchObject({
          type: 'AdmissionRefused',
          reasons: ['late'],
        })

        const seated = play(
          [
            [admitCommand(), at(cutoff)],
            [hallCommand, at(cutoff)],
          ],
          base,
          sitting,
        )
        const phase = (now: Date) => sessionView(stateOf(seated), context(now, sitting)).phase

        // EXM-14: familiarisation takes the configured minutes just before S.
        if (timing.familiarisationMinutes > 0)
          expect(phase(at(-timing.familiarisationMinutes, -MS))).toBe('seated')
        if (timing.familiarisationMinutes > 0)
          expect(phase(at(-timing.familiarisationMinutes))).toBe('familiarisation')
        expect(phase(at(0, -MS))).toBe(timing.familiarisationMinutes > 0 ? 'familiarisation' : 'seated')
        expect(phase(at(0))).toBe('in_progress')

        // EXM-15: no answers before S; answers until the configured end, none from it.
        expect(codeOf(attempt(seated, answer(TASK, 'A'), at(0, -MS), sitting))).toBe('session.not_started')
        expect(typesOf(attempt(seated, answer(TASK, 'A'), at(0), sitting))).toEqual(['TaskAnswered'])
        const end = timing.durationMinutes
        expect(typesOf(attempt(seated, answer(TASK, 'A'), at(end, -MS), sitting))).toEqual(['TaskAnswered'])
        expect(codeOf(attempt(seated, answer(TASK, 'A'), at(end), sitting))).toBe('session.ended')
        expect(typesOf(attempt(seated, closeIfDue, at(end, -MS), sitting))).toEqual([])
        const timeUp = attempt(seated, closeIfDue, at(end), sitting)
        expect(E.isRight(timeUp) && timeUp.right[0]).toMatchObject({
          type: 'SessionEnded',
          reason: 'time_up',
        })

        // EXM-16: finishing is refused before the configured earliest finish, naming it; allowed from it.
        const earliest = timing.earliestFinishMinutes
        if (earliest > 0) {
          const early = attempt(seated, finish, at(earliest, -MS), sitting)
          expect(codeOf(early)).toBe('session.too_early_to_finish')
          expect(E.isLeft(early) && early.left.message).toContain(`${earliest} minutes after the start`)
        }
        const finished = attempt(seated, finish, at(earliest), sitting)
        expect(E.isRight(finished) && finished.right[0]).toMatchObject({
          type: 'SessionEnded',
          reason: 'finished',
        })

        // EXM-20: "left before the earliest finish" is a violation only before the configured minute.
        const leftEarly = (now: Date) =>
          attempt(
            seated,
            {
              type: 'RecordViolation',
              sessionId: SESSION,
              violationId: 'v-left',
              kind: 'left_before_earliest_finish',
              outcome: 'warning',
              note: 'left the hall',
              evidenceRef: null,
              recordedBy: 'staff-1',
            },
            now,
            sitting,
          )
        if (earliest > 0) expect(typesOf(leftEarly(at(earliest, -MS)))).toEqual(['ViolationRecorded'])
        const tooLate = leftEarly(at(earliest))
        expect(codeOf(tooLate)).toBe('session.invalid_violation')
        expect(E.isLeft(tooLate) && tooLate.left.message).toContain(`${earliest} minutes after the start`)
      }),
      { numRuns: 60 },
    )
  })
})
