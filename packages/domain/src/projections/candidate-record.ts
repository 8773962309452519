import * as E from 'fp-ts/lib/Either.js'
import type { AppealEvent, DisputedTask } from '../appeal/events.js'
import { cabinetIdOfSession } from '../appeal/ids.js'
import { appealWindow, DEFAULT_APPEAL_BUSINESS_DAYS } from '../calendar/appeal-window.js'
import type { BusinessCalendar } from '../calendar/calendar.js'
import type { SubgroupCode } from '../exam/model.js'
import type { AppliedCorrection } from '../exam/session/appeal-codecs.js'
import type { SessionEvent } from '../exam/session/events.js'
import { examIdOfSession } from '../exam/session/streams.js'
import type { ExamEvent } from '../exam/sitting/events.js'
import type { DomainError } from '../kernel/errors.js'

/*
 * CAB-11: what a cabinet shows of its exams — every session with its
 * sitting, subgroup and status; once published (APL-1) the score and
 * pass/fail with every revision (expert review, appeal, court, annulment:
 * old and new, reason — APL-6); the appeals with their status and decisions;
 * and the appeal deadline, computed with the calendar when the view is read
 * (so a corrected calendar file shows at once and the fold needs no clock).
 *
 * A pure fold over the cabinet's session streams, the exam streams of those
 * sittings and the session's appeal streams, in any interleaving that keeps
 * each stream's order. Events of other cabinets are ignored.
 */

export type RevisionKind = 'expert_review' | 'appeal' | 'court' | 'annulment' | 'annulment_reversed'

export type RevisionEntry = {
  readonly kind: RevisionKind
  /** The review, revision or decision id behind the change. */
  readonly ref: string
  readonly reason: string
  readonly oldScore: number
  readonly newScore: number
  readonly oldPassed: boolean
  readonly newPassed: boolean
  readonly at: Date
}

export type SessionStatus =
  | 'registration_requested'
  | 'registered'
  | 'registration_refused'
  | 'admitted'
  | 'not_admitted'
  | 'ended'

export type AppealDecisionEntry = {
  readonly outcome: 'rejected' | 'upheld'
  readonly reasons: string
  readonly decidedBy: string
  readonly corrections: readonly AppliedCorrection[]
  readonly at: Date
}

export type CourtEntry = {
  readonly caseReference: string
  readonly filedAt: Date
  readonly ruling:
    | {
        readonly outcome: 'decision_stands' | 'result_changed'
        readonly rulingReference: string
        readonly corrections: readonly AppliedCorrection[]
        readonly at: Date
      }
    | undefined
}

export type AppealEntry = {
  readonly appealId: string
  readonly sessionId: string
  readonly sequence: number
  /** open → rejected | upheld; the court's part is in `court`. */
  readonly status: 'open' | 'rejected' | 'upheld'
  readonly disputed: readonly DisputedTask[]
  readonly grounds: string
  readonly filedAt: Date
  /** The window the filing was judged against. */
  readonly deadline: Date
  readonly decision: AppealDecisionEntry | undefined
  readonly court: CourtEntry | undefined
}

type SittingFacts = {
  readonly title: string | undefined
  readonly startsAt: Date | undefined
  readonly publishedAt: Date | undefined
}

type SessionFacts = {
  readonly sessionId: string
  readonly examId: string
  readonly subgroup: SubgroupCode | undefined
  readonly status: SessionStatus
  readonly endedAt: Date | undefined
  readonly scoreAtEnd: number | undefined
  readonly score: number | undefined
  readonly passMark: number | undefined
  /** SCO-4 on the current score; `passed` in the view also needs "not annulled" (SCO-6). */
  readonly scorePasses: boolean
  readonly annulled: boolean
  readonly revisions: readonly RevisionEntry[]
}

export type CandidateRecordState = {
  readonly cabinetId: string
  readonly sittings: ReadonlyMap<string, SittingFacts>
  readonly sessions: ReadonlyMap<string, SessionFacts>
  readonly appeals: ReadonlyMap<string, AppealEntry>
}

export const emptyCandidateRecord = (cabinetId: string): CandidateRecordState => ({
  cabinetId,
  sittings: new Map(),
  sessions: new Map(),
  appeals: new Map(),
})

const NO_SITTING: SittingFacts = { title: undefined, startsAt: undefined, publishedAt: undefined }

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

const passedNow = (session: SessionFacts): boolean => session.scorePasses && !session.annulled

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

/* ------------------------------------------------------------------ the view, read at `now` */

/** APL-2 for one result as the cabinet shows it; `unavailable` when the calendar lacks a year (CAL-3). */
export type AppealWindowEntry =
  | { readonly status: 'open' | 'closed'; readonly closesAt: Date; readonly lastDay: string }
  | { readonly status: 'unavailable'; readonly error: DomainError }

export type ResultEntry = {
  readonly endedAt: Date
  readonly scoreAtEnd: number
  readonly score: number
  readonly passMark: number
  /** SCO-4/SCO-6: score ≥ pass mark and not annulled. */
  readonly passed: boolean
  readonly annulled: boolean
}

export type SessionRecord = {
  readonly sessionId: string
  readonly examId: string
  readonly title: string | undefined
  readonly startsAt: Date | undefined
  readonly subgroup: SubgroupCode | undefined
  readonly status: SessionStatus
  /** APL-1: undefined before the publication instant. */
  readonly publishedAt: Date | undefined
  readonly result: ResultEntry | undefined
  readonly revisions: readonly RevisionEntry[]
  readonly appealWindow: AppealWindowEntry | undefined
  /** In the window, not annulled, no appeal open (the filing itself is the authority). */
  readonly canAppeal: boolean
  readonly appeals: readonly AppealEntry[]
}

export type CandidateRecord = {
  readonly cabinetId: string
  readonly sessions: readonly SessionRecord[]
}

export type CandidateRecordReading = {
  readonly now: Date
  readonly calendar: BusinessCalendar
  readonly businessDays?: number
}

const windowEntry = (publishedAt: Date, reading: CandidateRecordReading): AppealWindowEntry => {
  const window = appealWindow(
    reading.calendar,
    publishedAt,
    reading.businessDays ?? DEFAULT_APPEAL_BUSINESS_DAYS,
  )
  if (E.isLeft(window)) return { status: 'unavailable', error: window.left }
  const open = reading.now.getTime() < window.right.closesAt.getTime()
  return { status: open ? 'open' : 'closed', closesAt: window.right.closesAt, lastDay: window.right.lastDay }
}

const sessionRecord = (
  state: CandidateRecordState,
  session: SessionFacts,
  reading: CandidateRecordReading,
): SessionRecord => {
  const sitting = state.sittings.get(session.examId) ?? NO_SITTING
  const published =
    sitting.publishedAt !== undefined && reading.now.getTime() >= sitting.publishedAt.getTime()
      ? sitting.publishedAt
      : undefined
  const appeals = [...state.appeals.values()]
    .filter((appeal) => appeal.sessionId === session.sessionId)
    .sort((a, b) => a.sequence - b.sequence)
  const hasResult = session.status === 'ended' && session.score !== undefined
  const result: ResultEntry | undefined =
    published === undefined || !hasResult
      ? undefined
      : {
          endedAt: session.endedAt as Date,
          scoreAtEnd: session.scoreAtEnd as number,
          score: session.score as number,
          passMark: session.passMark as number,
          passed: passedNow(session),
          annulled: session.annulled,
        }
  const appealWindow =
    result === undefined || published === undefined ? undefined : windowEntry(published, reading)
  return {
    sessionId: session.sessionId,
    examId: session.examId,
    title: sitting.title,
    startsAt: sitting.startsAt,
    subgroup: session.subgroup,
    status: session.status,
    publishedAt: published,
    result,
    revisions: result === undefined ? [] : session.revisions,
    appealWindow,
    canAppeal:
      appealWindow?.status === 'open' &&
      result?.annulled === false &&
      !appeals.some((appeal) => appeal.status === 'open'),
    appeals,
  }
}

/** CAB-11: the cabinet's exams as read at `reading.now`, newest sitting first. */
export const candidateRecordAt = (
  state: CandidateRecordState,
  reading: CandidateRecordReading,
): CandidateRecord => ({
  cabinetId: state.cabinetId,
  sessions: [...state.sessions.values()]
    .map((session) => sessionRecord(state, session, reading))
    .sort(
      (a, b) =>
        (b.startsAt?.getTime() ?? 0) - (a.startsAt?.getTime() ?? 0) ||
        (a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : 0),
    ),
})
