import * as t from 'io-ts'
import { wholeNumber } from './codecs.js'

const Minutes = wholeNumber('Minutes', 0, 7 * 24 * 60)
const PositiveMinutes = wholeNumber('PositiveMinutes', 1, 7 * 24 * 60)

/**
 * The timeline of a sitting (RULES.md §3.3), as data: every number here is
 * configurable per sitting, the defaults are the booklet's.
 */
export const Timing = t.type(
  {
    /** EXM-11 (booklet item 1): at the venue 30 minutes before the start `S`. */
    arrivalBeforeStartMinutes: Minutes,
    /** EXM-14 (items 5, 7): 15 minutes with the program and rules, ending at `S`. */
    familiarisationMinutes: Minutes,
    /** EXM-15 (item 8): the exam lasts 3 hours from `S`. */
    durationMinutes: PositiveMinutes,
    /** EXM-16 (prohibition 7): nobody finishes or leaves before 45 minutes after `S`. */
    earliestFinishMinutes: Minutes,
    /** Registration (EXM-10) closes this long before `S`, so every slip exists before the day. */
    registrationClosesBeforeStartMinutes: Minutes,
  },
  'Timing',
)
export type Timing = t.TypeOf<typeof Timing>

export const DEFAULT_TIMING: Timing = {
  arrivalBeforeStartMinutes: 30,
  familiarisationMinutes: 15,
  durationMinutes: 180,
  earliestFinishMinutes: 45,
  registrationClosesBeforeStartMinutes: 24 * 60,
}

export const MINUTE_MS = 60_000

const plusMinutes = (instant: Date, minutes: number): Date =>
  new Date(instant.getTime() + minutes * MINUTE_MS)

/**
 * The fixed instants of a sitting, all derived from `S` (the start of the
 * exam itself). Reading of the booklet: `S` is the time on the slip when the
 * 3 hours begin; familiarisation is the 15 minutes just before it; the
 * arrival cutoff is 30 minutes before it. Individual deadlines (pauses,
 * extensions) are the session's business, see session/clock.ts.
 */
export const sittingTimes = (startsAt: Date, timing: Timing) => ({
  registrationClosesAt: plusMinutes(startsAt, -timing.registrationClosesBeforeStartMinutes),
  arrivalCutoff: plusMinutes(startsAt, -timing.arrivalBeforeStartMinutes),
  familiarisationFrom: plusMinutes(startsAt, -timing.familiarisationMinutes),
  startsAt,
  earliestFinish: plusMinutes(startsAt, timing.earliestFinishMinutes),
  nominalEnd: plusMinutes(startsAt, timing.durationMinutes),
})
export type SittingTimes = ReturnType<typeof sittingTimes>

/** Why a timing is refused, one sentence per problem; empty when it is consistent. */
export const timingProblems = (timing: Timing): string[] => [
  ...(timing.earliestFinishMinutes >= timing.durationMinutes
    ? [
        `the earliest finish (${timing.earliestFinishMinutes} min) must come before the end of the exam (${timing.durationMinutes} min)`,
      ]
    : []),
  ...(timing.familiarisationMinutes > timing.arrivalBeforeStartMinutes
    ? [
        `familiarisation (${timing.familiarisationMinutes} min) cannot begin before the arrival cutoff (${timing.arrivalBeforeStartMinutes} min before the start)`,
      ]
    : []),
]
