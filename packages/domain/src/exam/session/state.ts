import type { Answers, Review, ScoreResult, SubgroupCode } from '../model.js'
import type { ScoreRevisedOnAppeal } from './appeal-codecs.js'
import { correctionsAsReviews } from './appeal-credits.js'
import type {
  AdmissionSlip,
  CandidateAdmitted,
  CourtChallengeFiled,
  CourtRulingRecorded,
  HallRegistered,
  RegistrationRequested,
  ResultAnnulled,
  ScoreRevised,
  SeatAssigned,
  SessionEnded,
  SessionEvent,
  ViolationRecorded,
} from './events.js'

export type RegistrationStatus = 'none' | 'requested' | 'seat_assigned' | 'registered' | 'refused'

export type Challenge = {
  readonly filed: CourtChallengeFiled
  readonly ruling: CourtRulingRecorded | undefined
}

/**
 * What a session remembers. Only facts: whether it is "in progress" or
 * "over" at a given instant is computed from these and `now` (clock.ts), so a
 * session whose deadline passed unnoticed reads as ended.
 */
export type SessionState = {
  readonly sessionId: string | undefined
  readonly status: RegistrationStatus
  readonly registration: RegistrationRequested | undefined
  readonly seat: SeatAssigned | undefined
  readonly slip: AdmissionSlip | undefined
  /** The subgroup in force (a staff correction may change it before the start). */
  readonly subgroup: SubgroupCode | undefined
  readonly admitted: CandidateAdmitted | undefined
  readonly hall: HallRegistered | undefined
  /** Ids already answered (staff calls, corrections, pauses, extensions, violations): repeats record nothing. */
  readonly handled: ReadonlySet<string>
  readonly answers: Answers
  readonly pausedMs: number
  readonly pausedSince: { readonly pauseId: string; readonly at: Date } | undefined
  readonly extensionMinutes: number
  readonly violations: readonly ViolationRecorded[]
  readonly ended: SessionEnded | undefined
  /** The score as it stands (the end's, then each revision's). */
  readonly result: ScoreResult | undefined
  /** Expert reviews reflected in `result`. */
  readonly reviewIds: readonly string[]
  readonly revisions: readonly ScoreRevised[]
  /** Every annulment ever recorded, and the one in force (a court may reverse it). */
  readonly annulments: readonly ResultAnnulled[]
  readonly annulment: ResultAnnulled | undefined
  readonly challenges: ReadonlyMap<string, Challenge>
  /** APL-4/APL-5: re-scores on appeal, and their corrections as per-session credits for every later re-score. */
  readonly appealRevisions: readonly ScoreRevisedOnAppeal[]
  readonly appealCredits: readonly Review[]
}

export const initialSessionState: SessionState = {
  sessionId: undefined,
  status: 'none',
  registration: undefined,
  seat: undefined,
  slip: undefined,
  subgroup: undefined,
  admitted: undefined,
  hall: undefined,
  handled: new Set(),
  answers: {},
  pausedMs: 0,
  pausedSince: undefined,
  extensionMinutes: 0,
  violations: [],
  ended: undefined,
  result: undefined,
  reviewIds: [],
  revisions: [],
  annulments: [],
  annulment: undefined,
  challenges: new Map(),
  appealRevisions: [],
  appealCredits: [],
}

const handle = (state: SessionState, id: string): ReadonlySet<string> => new Set(state.handled).add(id)

export const evolveSession = (state: SessionState, event: SessionEvent): SessionState => {
  const base = { ...state, sessionId: event.sessionId }
  switch (event.type) {
    case 'RegistrationRequested':
      return {
        ...base,
        status: 'requested',
        registration: event,
        subgroup: event.subgroup,
        seat: undefined,
        slip: undefined,
      }
    case 'SeatAssigned':
      return { ...base, status: 'seat_assigned', seat: event }
    case 'RegistrationConfirmed':
      return { ...base, status: 'registered', slip: event.slip }
    case 'RegistrationRefused':
      return { ...base, status: 'refused' }
    case 'CandidateAdmitted':
      return { ...base, admitted: event }
    case 'AdmissionRefused':
      return base
    case 'HallRegistered':
      return { ...base, hall: event }
    case 'StaffCalled':
      return { ...base, handled: handle(state, `call:${event.requestId}`) }
    case 'CandidateDataCorrected': {
      const screen = { ...(state.hall?.screen ?? {}) } as Record<string, string>
      for (const change of event.changes) screen[change.field] = change.to
      const subgroup = (screen.subgroup as SubgroupCode | undefined) ?? state.subgroup
      return {
        ...base,
        handled: handle(state, `correction:${event.correctionId}`),
        subgroup,
        hall:
          state.hall === undefined
            ? undefined
            : { ...state.hall, screen: screen as HallRegistered['screen'] },
      }
    }
    case 'TaskAnswered':
      return { ...base, answers: { ...state.answers, [event.taskId]: event.answer } }
    case 'AnswerCleared': {
      const { [event.taskId]: _, ...answers } = state.answers
      return { ...base, answers }
    }
    case 'SessionPaused':
      return {
        ...base,
        handled: handle(state, `pause:${event.pauseId}`),
        pausedSince: { pauseId: event.pauseId, at: event.at },
      }
    case 'SessionResumed':
      return { ...base, pausedSince: undefined, pausedMs: state.pausedMs + event.pausedMs }
    case 'ExtensionGranted':
      return {
        ...base,
        handled: handle(state, `extension:${event.extensionId}`),
        extensionMinutes: state.extensionMinutes + event.minutes,
      }
    case 'ViolationRecorded':
      return {
        ...base,
        handled: handle(state, `violation:${event.violationId}`),
        violations: [...state.violations, event],
      }
    case 'SessionEnded':
      // Self-contained: a fold that starts here knows all a finished session needs.
      return {
        ...base,
        subgroup: event.subgroup,
        answers: event.answers,
        pausedSince: undefined,
        ended: event,
        result: event.result,
        reviewIds: event.reviewIds,
      }
    case 'ResultAnnulled':
      return { ...base, annulments: [...state.annulments, event], annulment: event }
    case 'CourtChallengeFiled':
      return {
        ...base,
        challenges: new Map(state.challenges).set(event.challengeId, { filed: event, ruling: undefined }),
      }
    case 'CourtRulingRecorded': {
      const challenge = state.challenges.get(event.challengeId)
      const reversed =
        event.outcome === 'annulment_reversed' && state.annulment?.decisionId === event.decisionId
      return {
        ...base,
        annulment: reversed ? undefined : state.annulment,
        challenges:
          challenge === undefined
            ? state.challenges
            : new Map(state.challenges).set(event.challengeId, { ...challenge, ruling: event }),
      }
    }
    case 'ScoreRevised':
      return {
        ...base,
        result: event.result,
        reviewIds: [...state.reviewIds, event.reviewId],
        revisions: [...state.revisions, event],
      }
    case 'ScoreRevisedOnAppeal':
      return {
        ...base,
        result: event.result,
        appealRevisions: [...state.appealRevisions, event],
        appealCredits: [...state.appealCredits, ...correctionsAsReviews(event.revisionId, event.corrections)],
      }
  }
}
