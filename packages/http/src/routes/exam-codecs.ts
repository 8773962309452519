import type { Subject, TaskType } from '@imtahan/domain'
import * as t from 'io-ts'
import { documented, instant, object, text } from '../openapi/codecs.js'
import { annulmentGrounds, endReason, group, phase, reviewKind, subgroup, subject } from './enums.js'

/*
 * Exam responses as exact codecs: encoding drops every field a codec does
 * not declare, so even a view that carried more (a form with its key) could
 * not leak it. None of these codecs declares a key.
 */

export const examId = text('The sitting id', 'cs-2026-06')
export const sessionId = text(
  'A session id: <examId>.<cabinetId>',
  'cs-2026-06.6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
)

export const Venue = object('Venue', { name: t.string, address: t.string })

export const SittingSummary = object(
  'SittingSummary',
  {
    examId,
    title: t.string,
    startsAt: instant,
    venue: Venue,
    fee: text('Registration fee, AZN', '15.00'),
    groups: t.readonlyArray(group),
    registrationClosesAt: instant,
  },
  { publishedAt: instant },
)

const Tally = object('Tally', {
  points: t.number,
  max: t.number,
  correct: t.number,
  wrong: t.number,
  unanswered: t.number,
})

export const ScoreResult = object('ScoreResult', {
  total: Tally,
  bySubject: object('BySubject', {
    azerbaijani: Tally,
    legislation: Tally,
    informatics: Tally,
    logic: Tally,
  } satisfies Record<Subject, typeof Tally>),
  byType: object('ByType', { open: Tally, closed: Tally } satisfies Record<TaskType, typeof Tally>),
  subgroup,
  passMark: t.number,
  passed: t.boolean,
})

export const RevisionRow = object('Revision', {
  reviewId: t.string,
  oldScore: t.number,
  newScore: t.number,
  reason: t.string,
  at: instant,
})

export const ResultRow = object(
  'ResultRow',
  {
    sessionId,
    subgroup,
    registered: t.boolean,
    seated: t.boolean,
    ended: t.boolean,
    revisions: t.readonlyArray(RevisionRow),
  },
  { endReason, score: t.number, passMark: t.number, passed: t.boolean, annulled: t.boolean },
)

export const SittingDetail = t.intersection(
  [
    SittingSummary,
    object('SittingBoardData', {
      reviews: t.readonlyArray(
        object('ReviewRow', { reviewId: t.string, kind: reviewKind, taskId: t.string, reason: t.string }),
      ),
      annulments: t.readonlyArray(
        object('AnnulmentRow', {
          decisionId: t.string,
          grounds: annulmentGrounds,
          sessionIds: t.readonlyArray(t.string),
        }),
      ),
      results: t.readonlyArray(ResultRow),
    }),
  ],
  'SittingDetail',
)

const Change = object('ResultChange', {
  sessionId,
  subgroup,
  oldScore: t.number,
  newScore: t.number,
  oldPassed: t.boolean,
  newPassed: t.boolean,
})

export const ReviewImpact = object('ReviewImpact', {
  changes: t.readonlyArray(Change),
  flips: t.readonlyArray(Change),
  annulledUnaffected: t.readonlyArray(t.string),
})

export const AnnulmentAnswer = object('AnnulmentAnswer', {
  decisionId: t.string,
  sessionIds: t.readonlyArray(t.string),
})
export const PublicationAnswer = object('PublicationAnswer', { examId, publishedAt: instant })

export const Slip = object('AdmissionSlip', {
  slipNumber: text('Slip number', 'cs-2026-06-00001'),
  examId,
  title: t.string,
  venue: Venue,
  hallId: t.string,
  hallName: t.string,
  seat: t.number,
  subgroup,
  startsAt: instant,
  arriveBy: instant,
})

export const SessionStatus = object(
  'SessionStatus',
  {
    examId,
    phase,
    deadline: instant,
    remainingMs: t.number,
    answered: t.number,
    endPending: t.boolean,
  },
  { sessionId, slip: Slip },
)

export const AdmissionAnswer = t.intersection(
  [SessionStatus, object('Admission', { admitted: t.boolean, reasons: t.readonlyArray(t.string) })],
  'AdmissionAnswer',
)

export const RosterRow = object(
  'RosterRow',
  { sessionId, subgroup, registered: t.boolean, seated: t.boolean, ended: t.boolean },
  { slipNumber: t.string, hallId: t.string, seat: t.number },
)

export const RegistrationAnswer = object(
  'ExamRegistration',
  { sessionId, status: t.union([t.literal('registered'), t.literal('pending')]) },
  { slip: Slip },
)

export const CandidateTask = object(
  'CandidateTask',
  {
    position: t.number,
    taskId: t.string,
    subject,
    type: t.union([t.literal('open'), t.literal('closed')]),
    text: t.string,
  },
  { options: t.readonlyArray(t.string), answer: t.string },
)

export const CandidateTasks = object('CandidateTasks', {
  examId,
  variant: t.string,
  deadline: instant,
  remainingMs: t.number,
  tasks: t.readonlyArray(CandidateTask),
})

export const AnswerAnswer = object('AnswerRecorded', { taskId: t.string, answer: t.string })
export const TaskRef = object('TaskRef', { taskId: t.string })
export const StaffCallAnswer = object('StaffCall', { requestId: t.string })

const CertificateRevision = object('CertificateRevision', {
  reviewId: t.string,
  reason: t.string,
  oldScore: t.number,
  newScore: t.number,
  oldPassed: t.boolean,
  newPassed: t.boolean,
  at: instant,
})

export const Certificate = object('ResultCertificate', {
  sessionId,
  subgroup,
  endedAt: instant,
  score: ScoreResult,
  passMark: t.number,
  passed: t.boolean,
  annulled: t.boolean,
  revisions: t.readonlyArray(CertificateRevision),
})

export const CandidateResult = object(
  'CandidateResult',
  {
    examId,
    subgroup,
    publishedAt: instant,
    annulled: t.boolean,
    passed: t.boolean,
    revisions: t.readonlyArray(RevisionRow),
  },
  { score: ScoreResult },
)
/** SCO-5: a session the review changes whose re-score was refused, and why. */
export const RescoreRefusal = object(
  'RescoreRefusal',
  {
    sessionId: t.string,
    code: text('The refusal’s error code', 'session.rescore_would_lower'),
    message: t.string,
  },
  {
    details: documented(t.UnknownRecord, {
      type: 'object',
      additionalProperties: true,
      description: 'The refusal’s details, as its problem document carries them (docs/errors.md)',
    }),
  },
)

export const ReviewAnswer = object('ReviewAnswer', {
  reviewId: t.string,
  revised: t.number,
  complete: t.boolean,
  refused: t.readonlyArray(RescoreRefusal),
})
