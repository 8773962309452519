import type { AppealEvent } from '../../appeal/events.js'
import { cabinetIdOfSession } from '../../appeal/ids.js'
import type { SessionEvent } from '../../exam/session/events.js'
import { examIdOfSession } from '../../exam/session/streams.js'
import type { ExamEvent } from '../../exam/sitting/events.js'
import {
  type AppealEntry,
  type CandidateRecordState,
  emptyCandidateRecord,
  NO_SITTING,
  passedNow,
  type RevisionKind,
  type SessionFacts,
  type SittingFacts,
} from './state.js'

// CAB-11: the pure fold behind the candidate record (what it holds: state.ts; how it is shown: view.ts).

const withSitting = (state: CandidateRecordState, examId: string, change: Partial<SittingFacts>) => ({
  ...state,
  sittings: new Map(state.sittings).set(examId, { ...(state.sittings.get(examId) ?? NO_SITTING), ...change }),
})

const newSession = (sessionId: string): SessionFacts => ({
  sessionId,
  examId: examIdOfSession(sessionId),
  subgroup: undefined,
  status: 'registration_requested',
  endedAt: undefined,
  scoreAtEnd: undefined,
  score: undefined,
  passMark: undefined,
  scorePasses: false,
  annulled: false,
  revisions: [],
})

const withSession = (
  state: CandidateRecordState,
  sessionId: string,
  change: (session: SessionFacts) => SessionFacts,
): CandidateRecordState => ({
  ...state,
  sessions: new Map(state.sessions).set(
    sessionId,
    change(state.sessions.get(sessionId) ?? newSession(sessionId)),
  ),
})

/** A score change (expert review, appeal, court) as a revision; pass/fail never counts while annulled. */
const rescored = (
  session: SessionFacts,
  kind: RevisionKind,
  ref: string,
  event: { reason: string; oldScore: number; newScore: number; result: { passed: boolean }; at: Date },
): SessionFacts => {
  const next = { ...session, score: event.newScore, scorePasses: event.result.passed }
  return {
    ...next,
    revisions: [
      ...session.revisions,
      {
        kind,
        ref,
        reason: event.reason,
        oldScore: event.oldScore,
        newScore: event.newScore,
        oldPassed: passedNow(session),
        newPassed: passedNow(next),
        at: event.at,
      },
    ],
  }
}

/** An annulment or its reversal: the score stays, pass/fail changes (SCO-6). */
const annulment = (
  session: SessionFacts,
  kind: 'annulment' | 'annulment_reversed',
  ref: string,
  reason: string,
  at: Date,
): SessionFacts => {
  const next = { ...session, annulled: kind === 'annulment' }
  const score = session.score ?? 0
  return {
    ...next,
    revisions: [
      ...session.revisions,
      {
        kind,
        ref,
        reason,
        oldScore: score,
        newScore: score,
        oldPassed: passedNow(session),
        newPassed: passedNow(next),
        at,
      },
    ],
  }
}

const evolveSession = (state: CandidateRecordState, event: SessionEvent): CandidateRecordState => {
  if (cabinetIdOfSession(event.sessionId) !== state.cabinetId) return state
  const change = (f: (session: SessionFacts) => SessionFacts) => withSession(state, event.sessionId, f)
  switch (event.type) {
    case 'RegistrationRequested':
      return change((s) => ({ ...s, subgroup: event.subgroup, status: 'registration_requested' }))
    case 'RegistrationConfirmed':
      return change((s) => ({ ...s, subgroup: event.slip.subgroup, status: 'registered' }))
    case 'RegistrationRefused':
      return change((s) => ({ ...s, status: 'registration_refused' }))
    case 'CandidateAdmitted':
      return change((s) => ({ ...s, status: 'admitted' }))
    case 'AdmissionRefused':
      return change((s) => (s.status === 'admitted' ? s : { ...s, status: 'not_admitted' }))
    case 'SessionEnded':
      return change((s) => ({
        ...s,
        subgroup: event.subgroup,
        status: 'ended',
        endedAt: event.endedAt,
        scoreAtEnd: event.result.total.points,
        score: event.result.total.points,
        passMark: event.result.passMark,
        scorePasses: event.result.passed,
      }))
    case 'ScoreRevised':
      return change((s) => rescored(s, 'expert_review', event.reviewId, event))
    case 'ScoreRevisedOnAppeal':
      return change((s) => rescored(s, event.by === 'court' ? 'court' : 'appeal', event.revisionId, event))
    case 'ResultAnnulled':
      return change((s) => annulment(s, 'annulment', event.decisionId, event.reason, event.at))
    case 'CourtRulingRecorded':
      return event.outcome === 'annulment_reversed'
        ? change((s) =>
            annulment(
              s,
              'annulment_reversed',
              event.decisionId,
              `Court ruling ${event.rulingReference}`,
              event.at,
            ),
          )
        : state
    default:
      return state
  }
}

const withAppeal = (
  state: CandidateRecordState,
  appealId: string,
  change: (appeal: AppealEntry) => AppealEntry,
): CandidateRecordState => {
  const appeal = state.appeals.get(appealId)
  return appeal === undefined
    ? state
    : { ...state, appeals: new Map(state.appeals).set(appealId, change(appeal)) }
}

const evolveAppeal = (state: CandidateRecordState, event: AppealEvent): CandidateRecordState => {
  switch (event.type) {
    case 'AppealFiled':
      return event.cabinetId !== state.cabinetId
        ? state
        : {
            ...state,
            appeals: new Map(state.appeals).set(event.appealId, {
              appealId: event.appealId,
              sessionId: event.sessionId,
              sequence: event.sequence,
              status: 'open',
              disputed: event.disputed,
              grounds: event.grounds,
              filedAt: event.at,
              deadline: event.deadline,
              decision: undefined,
              court: undefined,
            }),
          }
    case 'AppealRejected':
    case 'AppealUpheld': {
      const outcome = event.type === 'AppealRejected' ? 'rejected' : 'upheld'
      const corrections = event.type === 'AppealUpheld' ? event.corrections : []
      return withAppeal(state, event.appealId, (appeal) => ({
        ...appeal,
        status: outcome,
        decision: { outcome, reasons: event.reasons, decidedBy: event.decidedBy, corrections, at: event.at },
      }))
    }
    case 'AppealCourtCaseFiled':
      return withAppeal(state, event.appealId, (appeal) => ({
        ...appeal,
        court: { caseReference: event.caseReference, filedAt: event.at, ruling: undefined },
      }))
    case 'AppealCourtRulingRecorded':
      return withAppeal(state, event.appealId, (appeal) => ({
        ...appeal,
        court: {
          caseReference: event.caseReference,
          filedAt: appeal.court?.filedAt ?? event.at,
          ruling: {
            outcome: event.outcome,
            rulingReference: event.rulingReference,
            corrections: event.corrections,
            at: event.at,
          },
        },
      }))
  }
}

const APPEAL_EVENTS: ReadonlySet<string> = new Set([
  'AppealFiled',
  'AppealRejected',
  'AppealUpheld',
  'AppealCourtCaseFiled',
  'AppealCourtRulingRecorded',
])

export type CandidateRecordEvent = SessionEvent | ExamEvent | AppealEvent

export const evolveCandidateRecord = (
  state: CandidateRecordState,
  event: CandidateRecordEvent,
): CandidateRecordState => {
  if (event.type === 'ExamDefined')
    return withSitting(state, event.examId, { title: event.title, startsAt: event.startsAt })
  if (event.type === 'ResultsPublished')
    return withSitting(state, event.examId, { publishedAt: event.publishedAt })
  if (APPEAL_EVENTS.has(event.type)) return evolveAppeal(state, event as AppealEvent)
  return 'sessionId' in event ? evolveSession(state, event as SessionEvent) : state
}

export const foldCandidateRecord = (
  cabinetId: string,
  events: readonly CandidateRecordEvent[],
): CandidateRecordState => events.reduce(evolveCandidateRecord, emptyCandidateRecord(cabinetId))
