import * as t from 'io-ts'
import { TaskId } from '../exam/model.js'
import { AppliedCorrection } from '../exam/session/appeal-codecs.js'
import { ExamId, wholeNumber } from '../exam/sitting/codecs.js'
import { Instant } from '../kernel/time.js'
import { Id, Label } from '../values/ids.js'
import { Grounds, Reasons } from './codecs.js'
import { CourtRulingOutcome } from './commands.js'

const appeal = { appealId: Id, sessionId: Id }

/** A disputed task with the answer the candidate gave (null = blank), so the commission sees what is disputed. */
export const DisputedTask = t.type({ taskId: TaskId, answer: t.union([t.string, t.null]) }, 'DisputedTask')
export type DisputedTask = t.TypeOf<typeof DisputedTask>

/**
 * APL-2/APL-3: filed in time. Keeps the window it was judged against
 * (`publishedAt`, `deadline`) so the decision can be checked later without
 * the calendar of the day.
 */
export const AppealFiled = t.type(
  {
    type: t.literal('AppealFiled'),
    ...appeal,
    examId: ExamId,
    cabinetId: Id,
    sequence: wholeNumber('AppealSequence', 1, 1000),
    disputed: t.readonlyArray(DisputedTask),
    grounds: Grounds,
    publishedAt: Instant,
    deadline: Instant,
    at: Instant,
  },
  'AppealFiled',
)

/** APL-4: rejected — the result is unchanged. */
export const AppealRejected = t.type(
  { type: t.literal('AppealRejected'), ...appeal, reasons: Reasons, decidedBy: Id, at: Instant },
  'AppealRejected',
)

/** APL-4: upheld — the corrections re-score the session (appeal process → ApplyAppealCorrections). */
export const AppealUpheld = t.type(
  {
    type: t.literal('AppealUpheld'),
    ...appeal,
    corrections: t.readonlyArray(AppliedCorrection),
    reasons: Reasons,
    decidedBy: Id,
    at: Instant,
  },
  'AppealUpheld',
)

/** APL-5: the commission's decision was taken to court. */
export const AppealCourtCaseFiled = t.type(
  {
    type: t.literal('AppealCourtCaseFiled'),
    ...appeal,
    caseReference: Label,
    recordedBy: Id,
    at: Instant,
  },
  'AppealCourtCaseFiled',
)

/** APL-5: the court's ruling; `result_changed` becomes the session's final revision. */
export const AppealCourtRulingRecorded = t.type(
  {
    type: t.literal('AppealCourtRulingRecorded'),
    ...appeal,
    caseReference: Label,
    outcome: CourtRulingOutcome,
    corrections: t.readonlyArray(AppliedCorrection),
    rulingReference: Label,
    recordedBy: Id,
    at: Instant,
  },
  'AppealCourtRulingRecorded',
)

export const AppealEvent = t.union(
  [AppealFiled, AppealRejected, AppealUpheld, AppealCourtCaseFiled, AppealCourtRulingRecorded],
  'AppealEvent',
)

export type AppealFiled = t.TypeOf<typeof AppealFiled>
export type AppealRejected = t.TypeOf<typeof AppealRejected>
export type AppealUpheld = t.TypeOf<typeof AppealUpheld>
export type AppealCourtCaseFiled = t.TypeOf<typeof AppealCourtCaseFiled>
export type AppealCourtRulingRecorded = t.TypeOf<typeof AppealCourtRulingRecorded>
export type AppealEvent = t.TypeOf<typeof AppealEvent>
