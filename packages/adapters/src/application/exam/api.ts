import type {
  AdmissionSlip,
  AnnulmentGrounds,
  EndReason,
  GroupCode,
  ResultCertificate,
  Review,
  ReviewImpact,
  RevisionRow,
  ScoreResult,
  SessionView,
  SubgroupCode,
  Subject,
  Venue,
} from '@imtahan/domain'
import type { Call } from '../shared/caller.js'
import type { Result } from '../shared/result.js'
import type {
  AdmissionInput,
  AnnulmentInput,
  AnswerInput,
  CandidateDataCorrectionInput,
  CourtChallengeInput,
  CourtRulingInput,
  DefineSittingInput,
  ExamRegistrationInput,
  ExtensionInput,
  HallRegistrationInput,
  PauseInput,
  PublicationInput,
  RecordReviewInput,
  ResumeInput,
  ReviewInput,
  StaffCallInput,
  ViolationInput,
} from './inputs.js'
import type { RescoreRefusal } from './rescore.js'

/*
 * The exam use cases (RULES.md §3) by role. Inputs are typed (`inputs.ts`),
 * decoded at the edge with the domain's codecs; refusals are `DomainError` values. Nothing a candidate
 * receives carries a key: keys live only in the sitting (`SittingView`),
 * which no candidate answer includes.
 */

export type SittingSummary = {
  readonly examId: string
  readonly title: string
  readonly startsAt: Date
  readonly venue: Venue
  readonly fee: string
  readonly groups: readonly GroupCode[]
  readonly registrationClosesAt: Date
  readonly publishedAt?: Date
}

/** One session as the board sees it (no answers, no keys: scores and their history). */
export type ResultRow = {
  readonly sessionId: string
  readonly subgroup: SubgroupCode
  readonly registered: boolean
  readonly seated: boolean
  readonly ended: boolean
  readonly endReason?: EndReason
  readonly score?: number
  readonly passMark?: number
  readonly passed?: boolean
  readonly annulled?: boolean
  readonly revisions: readonly RevisionRow[]
}

export type SittingDetail = SittingSummary & {
  readonly reviews: readonly {
    readonly reviewId: string
    readonly kind: Review['kind']
    readonly taskId: string
    readonly reason: string
  }[]
  readonly annulments: readonly {
    readonly decisionId: string
    readonly grounds: AnnulmentGrounds
    readonly sessionIds: readonly string[]
  }[]
  readonly results: readonly ResultRow[]
}

/**
 * `revised`: sessions re-scored by this call; `refused`: sessions the review
 * changes whose re-score was refused, with the refusal; `complete: false`
 * when some were refused or the process runner finishes the rest.
 */
export type ReviewAnswer = {
  readonly reviewId: string
  readonly revised: number
  readonly complete: boolean
  readonly refused: readonly RescoreRefusal[]
}
export type AnnulmentAnswer = { readonly decisionId: string; readonly sessionIds: readonly string[] }
export type PublicationAnswer = { readonly examId: string; readonly publishedAt: Date }

/** What staff and the board see of one session after acting on it. */
export type SessionStatus = SessionView & { readonly examId: string }

export type RosterRow = {
  readonly sessionId: string
  readonly subgroup: SubgroupCode
  readonly slipNumber?: string
  readonly hallId?: string
  readonly seat?: number
  readonly registered: boolean
  readonly seated: boolean
  readonly ended: boolean
}

export type RegistrationAnswer = {
  readonly sessionId: string
  /** `pending` when the fee step could not finish now; the process runner completes it. */
  readonly status: 'registered' | 'pending'
  readonly slip?: AdmissionSlip
}

/** A task as the candidate sees it: never its key. */
export type CandidateTask = {
  readonly position: number
  readonly taskId: string
  readonly subject: Subject
  readonly type: 'open' | 'closed'
  readonly text: string
  readonly options?: readonly string[]
  readonly answer?: string
}

export type CandidateTasks = {
  readonly examId: string
  readonly variant: string
  readonly deadline: Date
  readonly remainingMs: number
  readonly tasks: readonly CandidateTask[]
}

export type CandidateResult = {
  readonly examId: string
  readonly subgroup: SubgroupCode
  readonly publishedAt: Date
  readonly annulled: boolean
  readonly passed: boolean
  /** SCO-6: absent while the result is annulled. */
  readonly score?: ScoreResult
  readonly revisions: readonly RevisionRow[]
}

export interface ExamBoardUseCases {
  /** EXM-1…3, EXM-10 fee, timing: a sitting with its forms and keys; every mismatch listed. */
  defineSitting(input: DefineSittingInput, call: Call): Result<SittingSummary>
  sittings(call: Call): Result<readonly SittingSummary[]>
  sitting(examId: string, call: Call): Result<SittingDetail>
  /** SCO-5 dry run: records nothing. */
  reviewDryRun(examId: string, input: ReviewInput, call: Call): Result<ReviewImpact>
  /** SCO-5: records the review, then re-scores every affected finished session. */
  recordReview(examId: string, input: RecordReviewInput, call: Call): Result<ReviewAnswer>
  /** EXM-21/22. */
  annul(examId: string, input: AnnulmentInput, call: Call): Result<AnnulmentAnswer>
  fileCourtChallenge(
    examId: string,
    sessionId: string,
    input: CourtChallengeInput,
    call: Call,
  ): Result<SessionStatus>
  recordCourtRuling(
    examId: string,
    sessionId: string,
    input: CourtRulingInput,
    call: Call,
  ): Result<SessionStatus>
  /** APL-1. */
  publish(examId: string, input: PublicationInput, call: Call): Result<PublicationAnswer>
  /** EXM-19 accommodation. */
  grantExtension(examId: string, sessionId: string, input: ExtensionInput, call: Call): Result<SessionStatus>
}

export interface ExamStaffUseCases {
  roster(examId: string, call: Call): Result<readonly RosterRow[]>
  /** EXM-11/12: a refusal is recorded too (`admitted: false` with every reason). */
  admit(
    examId: string,
    sessionId: string,
    input: AdmissionInput,
    call: Call,
  ): Result<SessionStatus & { readonly admitted: boolean; readonly reasons: readonly string[] }>
  /** EXM-13: the screen shows the cabinet's names and the subgroup. */
  registerInHall(
    examId: string,
    sessionId: string,
    input: HallRegistrationInput,
    call: Call,
  ): Result<SessionStatus>
  correct(
    examId: string,
    sessionId: string,
    input: CandidateDataCorrectionInput,
    call: Call,
  ): Result<SessionStatus>
  pause(examId: string, sessionId: string, input: PauseInput, call: Call): Result<SessionStatus>
  resume(examId: string, sessionId: string, input: ResumeInput, call: Call): Result<SessionStatus>
  /** EXM-20: a warning, or removal (ends the session, annuls the result). */
  recordViolation(examId: string, sessionId: string, input: ViolationInput, call: Call): Result<SessionStatus>
}

export interface ExamCandidateUseCases {
  openSittings(call: Call): Result<readonly SittingSummary[]>
  /** EXM-10: seat, fee from the account, slip. */
  register(
    cabinetId: string,
    examId: string,
    input: ExamRegistrationInput,
    call: Call,
  ): Result<RegistrationAnswer>
  session(cabinetId: string, examId: string, call: Call): Result<SessionStatus>
  slip(cabinetId: string, examId: string, call: Call): Result<AdmissionSlip>
  /** EXM-15: only while the exam runs for this candidate, in the variant's order, without keys. */
  tasks(cabinetId: string, examId: string, call: Call): Result<CandidateTasks>
  answer(
    cabinetId: string,
    examId: string,
    taskId: string,
    input: AnswerInput,
    call: Call,
  ): Result<{ taskId: string; answer: string }>
  clearAnswer(cabinetId: string, examId: string, taskId: string, call: Call): Result<{ taskId: string }>
  /** EXM-13 "Personala müraciət". */
  callStaff(
    cabinetId: string,
    examId: string,
    input: StaffCallInput,
    call: Call,
  ): Result<{ requestId: string }>
  /** EXM-16/17. */
  finish(cabinetId: string, examId: string, call: Call): Result<ResultCertificate>
  certificate(cabinetId: string, examId: string, call: Call): Result<ResultCertificate>
  /** APL-1: after publication only. */
  result(cabinetId: string, examId: string, call: Call): Result<CandidateResult>
}

export interface ExamUseCases {
  readonly board: ExamBoardUseCases
  readonly staff: ExamStaffUseCases
  readonly candidate: ExamCandidateUseCases
  /** EXM-16: one tick of the deadline scheduler (also run by `start()` on a timer); how many sessions it closed. */
  closeDueSessions(): Promise<number>
}
