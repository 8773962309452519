import * as t from 'io-ts'
import { Instant } from '../../kernel/time.js'
import { Id, Label } from '../../values/ids.js'
import { Answers, SubgroupCode, TaskId } from '../model.js'
import { ExamId, wholeNumber } from '../sitting/codecs.js'
import { ScoreResultCodec, sessionProps } from './codecs.js'

// EXM-15…EXM-20: during the exam — answers, the timer, violations and the end.

/** EXM-15: one answer, in any order; a later answer to the same task replaces it. */
export const TaskAnswered = t.type(
  { type: t.literal('TaskAnswered'), ...sessionProps, taskId: TaskId, answer: Label, at: Instant },
  'TaskAnswered',
)

export const AnswerCleared = t.type(
  { type: t.literal('AnswerCleared'), ...sessionProps, taskId: TaskId, at: Instant },
  'AnswerCleared',
)

export const Incident = t.keyof({ power: null, workstation: null, network: null }, 'Incident')

/** EXM-19: every timer change is an event with its reason. */
export const SessionPaused = t.type(
  {
    type: t.literal('SessionPaused'),
    ...sessionProps,
    pauseId: Id,
    incident: Incident,
    note: Label,
    pausedBy: Id,
    at: Instant,
  },
  'SessionPaused',
)

export const SessionResumed = t.type(
  {
    type: t.literal('SessionResumed'),
    ...sessionProps,
    pauseId: Id,
    /** Added back to the deadline. */
    pausedMs: wholeNumber('PausedMs', 0, 7 * 24 * 3_600_000),
    resumedBy: Id,
    at: Instant,
  },
  'SessionResumed',
)

export const ExtensionGranted = t.type(
  {
    type: t.literal('ExtensionGranted'),
    ...sessionProps,
    extensionId: Id,
    minutes: wholeNumber('ExtensionMinutes', 1, 24 * 60),
    reason: Label,
    grantedBy: Id,
    at: Instant,
  },
  'ExtensionGranted',
)

/** EXM-20, from the booklet's list of prohibitions. */
export const ViolationKind = t.keyof(
  {
    prohibited_item: null,
    left_and_returned: null,
    talking_or_helping: null,
    looking_at_another_screen: null,
    changing_seat: null,
    disorder: null,
    left_before_earliest_finish: null,
  },
  'ViolationKind',
)
export type ViolationKind = t.TypeOf<typeof ViolationKind>

export const ViolationOutcome = t.keyof({ warning: null, removal: null }, 'ViolationOutcome')

export const ViolationRecorded = t.type(
  {
    type: t.literal('ViolationRecorded'),
    ...sessionProps,
    violationId: Id,
    kind: ViolationKind,
    outcome: ViolationOutcome,
    note: Label,
    evidenceRef: t.union([Label, t.null]),
    recordedBy: Id,
    at: Instant,
  },
  'ViolationRecorded',
)

export const EndReason = t.keyof({ finished: null, time_up: null, removed: null }, 'EndReason')
export type EndReason = t.TypeOf<typeof EndReason>

/**
 * EXM-16/EXM-17. Self-contained on purpose: the final answers, the form and
 * the score under the key as it stood (`reviewIds`). Everything after the
 * end — re-scores, annulments, court — needs only this event and what
 * follows it, so an adapter can fold a finished session from here and a
 * re-score of 10,000 sessions never replays their keystrokes.
 */
export const SessionEnded = t.type(
  {
    type: t.literal('SessionEnded'),
    ...sessionProps,
    examId: ExamId,
    subgroup: SubgroupCode,
    formId: Id,
    reason: EndReason,
    answers: Answers,
    startedAt: Instant,
    deadline: Instant,
    endedAt: Instant,
    result: ScoreResultCodec,
    reviewIds: t.readonlyArray(Id),
  },
  'SessionEnded',
)

export type TaskAnswered = t.TypeOf<typeof TaskAnswered>
export type AnswerCleared = t.TypeOf<typeof AnswerCleared>
export type SessionPaused = t.TypeOf<typeof SessionPaused>
export type SessionResumed = t.TypeOf<typeof SessionResumed>
export type ExtensionGranted = t.TypeOf<typeof ExtensionGranted>
export type ViolationRecorded = t.TypeOf<typeof ViolationRecorded>
export type SessionEnded = t.TypeOf<typeof SessionEnded>
