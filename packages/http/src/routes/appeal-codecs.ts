import * as t from 'io-ts'
import { instant, object, text } from '../openapi/codecs.js'
import { recordStatus, rescoreStatus, subgroup } from './enums.js'

/*
 * Appeal and cabinet-record responses as exact codecs: encoding drops every
 * field a codec does not declare, so nothing beyond what is listed here (a
 * key, a commission member's id in a candidate answer) can leave the server.
 */

export const appealId = text(
  'An appeal id: <sessionId>:appeal-<n> (percent-encode the colon if your client needs to)',
  'cs-2026-06.6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b:appeal-1',
)
const taskId = text('A task id as shown with the result (SCO-0)', 'bb-17')
const answer = t.union([t.string, t.null])
const correctionKind = t.keyof({ credited: null, answer_accepted: null })

export const Correction = object('Correction', { taskId, kind: correctionKind, answer })

const Decision = object('AppealDecision', {
  outcome: t.keyof({ rejected: null, upheld: null }),
  reasons: t.string,
  corrections: t.readonlyArray(Correction),
  at: instant,
})

const Court = object(
  'AppealCourt',
  { caseReference: t.string, filedAt: instant },
  {
    ruling: object('AppealCourtRuling', {
      outcome: t.keyof({ decision_stands: null, result_changed: null }),
      rulingReference: t.string,
      corrections: t.readonlyArray(Correction),
      at: instant,
    }),
  },
)

const AppealRevision = object('AppealRevision', {
  revisionId: t.string,
  by: t.keyof({ commission: null, court: null }),
  oldScore: t.number,
  newScore: t.number,
  oldPassed: t.boolean,
  newPassed: t.boolean,
  at: instant,
})

const appealStatus = t.keyof({ open: null, rejected: null, upheld: null })

const appealFields = {
  appealId,
  examId: t.string,
  sessionId: t.string,
  sequence: t.number,
  status: appealStatus,
  disputed: t.readonlyArray(object('DisputedTask', { taskId, answer })),
  grounds: t.string,
  filedAt: instant,
  publishedAt: instant,
  deadline: instant,
  revisions: t.readonlyArray(AppealRevision),
}

/** What the candidate sees of an appeal. */
export const Appeal = object('Appeal', appealFields, { decision: Decision, court: Court })

/** What the commission sees: who filed (cabinet id) and who decided. */
export const CommissionAppeal = object(
  'CommissionAppeal',
  { ...appealFields, cabinetId: t.string },
  { decision: Decision, court: Court, decidedBy: t.string },
)

export const DecisionAnswer = object(
  'AppealDecisionAnswer',
  {
    ...appealFields,
    cabinetId: t.string,
    rescore: rescoreStatus,
  },
  { decision: Decision, court: Court, decidedBy: t.string },
)

/* ------------------------------------------------------------------ CAB-11 */

const RecordRevision = object('RecordRevision', {
  kind: t.keyof({
    expert_review: null,
    appeal: null,
    court: null,
    annulment: null,
    annulment_reversed: null,
  }),
  ref: t.string,
  reason: t.string,
  oldScore: t.number,
  newScore: t.number,
  oldPassed: t.boolean,
  newPassed: t.boolean,
  at: instant,
})

const AppealWindow = t.union([
  object('AppealWindowKnown', {
    status: t.keyof({ open: null, closed: null }),
    closesAt: instant,
    lastDay: text('The last business day (Asia/Baku); the window closes at its 24:00', '2026-06-16'),
  }),
  object('AppealWindowUnavailable', {
    status: t.literal('unavailable'),
    error: object('CalendarProblem', { code: t.string, message: t.string }),
  }),
])

const RecordAppeal = object(
  'RecordAppeal',
  {
    appealId,
    sequence: t.number,
    status: appealStatus,
    disputed: t.readonlyArray(object('RecordDisputedTask', { taskId, answer })),
    grounds: t.string,
    filedAt: instant,
    deadline: instant,
  },
  {
    decision: object('RecordAppealDecision', {
      outcome: t.keyof({ rejected: null, upheld: null }),
      reasons: t.string,
      corrections: t.readonlyArray(Correction),
      at: instant,
    }),
    court: Court,
  },
)

const RecordResult = object('RecordResult', {
  endedAt: instant,
  scoreAtEnd: t.number,
  score: t.number,
  passMark: t.number,
  passed: t.boolean,
  annulled: t.boolean,
})

const RecordSession = object(
  'RecordSession',
  {
    sessionId: t.string,
    examId: t.string,
    status: recordStatus,
    revisions: t.readonlyArray(RecordRevision),
    canAppeal: t.boolean,
    appeals: t.readonlyArray(RecordAppeal),
  },
  {
    title: t.string,
    startsAt: instant,
    subgroup,
    publishedAt: instant,
    result: RecordResult,
    appealWindow: AppealWindow,
  },
)

export const CandidateRecord = object('CandidateRecord', {
  cabinetId: t.string,
  sessions: t.readonlyArray(RecordSession),
})
