import type { CandidateRecord } from '@imtahan/domain'
import type { Call } from '../shared/caller.js'
import type { Result } from '../shared/result.js'
import type {
  AppealCourtCaseInput,
  AppealCourtRulingInput,
  AppealFilingInput,
  AppealListInput,
  AppealRejectionInput,
  AppealUpholdingInput,
} from './inputs.js'

/*
 * The appeal use cases (SPEC APL-2…APL-6, CAB-11) by role. Inputs are typed
 * (`inputs.ts`), decoded at the edge with the domain's codecs; refusals are
 * `DomainError` values.
 * A candidate names a sitting, never a session: the session is the token's
 * own (`<examId>.<cabinetId>`), so another person's cannot be expressed.
 */

export type AppealStatus = 'open' | 'rejected' | 'upheld'

export type CorrectionRow = {
  readonly taskId: string
  readonly kind: 'credited' | 'answer_accepted'
  /** The answer the candidate gave (null for a blank). */
  readonly answer: string | null
}

export type DecisionRow = {
  readonly outcome: 'rejected' | 'upheld'
  readonly reasons: string
  readonly corrections: readonly CorrectionRow[]
  readonly at: Date
}

export type CourtRow = {
  readonly caseReference: string
  readonly filedAt: Date
  readonly ruling?: {
    readonly outcome: 'decision_stands' | 'result_changed'
    readonly rulingReference: string
    readonly corrections: readonly CorrectionRow[]
    readonly at: Date
  }
}

/** What a change of the result looked like in the session (APL-6): old and new, as recorded. */
export type RevisionRow = {
  readonly revisionId: string
  readonly by: 'commission' | 'court'
  readonly oldScore: number
  readonly newScore: number
  readonly oldPassed: boolean
  readonly newPassed: boolean
  readonly at: Date
}

/** One appeal as its candidate sees it: no key, no commission member's id. */
export type AppealView = {
  readonly appealId: string
  readonly examId: string
  readonly sessionId: string
  readonly sequence: number
  readonly status: AppealStatus
  readonly disputed: readonly { readonly taskId: string; readonly answer: string | null }[]
  readonly grounds: string
  readonly filedAt: Date
  /** APL-2: the window the filing was judged against. */
  readonly publishedAt: Date
  readonly deadline: Date
  readonly decision?: DecisionRow
  readonly court?: CourtRow
  /** The re-scores this appeal caused in the session (commission, then court). */
  readonly revisions: readonly RevisionRow[]
}

/** The commission's view adds who decided and who filed (the cabinet id, not personal data). */
export type CommissionAppealView = AppealView & {
  readonly cabinetId: string
  readonly decidedBy?: string
}

/**
 * After a decision that changes the result: `done` (the session is re-scored,
 * see `revisions`), `unchanged` (the corrections changed no score: the task was
 * already correct), `pending` (the re-score could not finish now; the process
 * runner completes it with the same ids), `none` (nothing to re-score).
 */
export type RescoreStatus = 'done' | 'unchanged' | 'pending' | 'none'

export type DecisionAnswer = CommissionAppealView & { readonly rescore: RescoreStatus }

export interface AppealCandidateUseCases {
  /** APL-2/APL-3: one appeal of the cabinet's own result in a sitting. A repeat of an open filing answers it again. */
  file(cabinetId: string, examId: string, input: AppealFilingInput, call: Call): Result<AppealView>
  /** The cabinet's appeals, newest filing first. */
  mine(cabinetId: string, call: Call): Result<readonly AppealView[]>
  /** The appeals of one sitting's result, in order. */
  ofSitting(cabinetId: string, examId: string, call: Call): Result<readonly AppealView[]>
  get(cabinetId: string, appealId: string, call: Call): Result<AppealView>
  /** CAB-11: sessions, results after publication, revisions, appeals with status and deadlines, `canAppeal`. */
  record(cabinetId: string, call: Call): Result<CandidateRecord>
}

export interface AppealCommissionUseCases {
  /** Open appeals first (oldest filing first), then decided ones (newest decision first). */
  list(input: AppealListInput, call: Call): Result<readonly CommissionAppealView[]>
  get(appealId: string, call: Call): Result<CommissionAppealView>
  /** APL-4: the result stays. */
  reject(appealId: string, input: AppealRejectionInput, call: Call): Result<DecisionAnswer>
  /** APL-4: corrections per task; the session is re-scored and pass/fail recomputed. */
  uphold(appealId: string, input: AppealUpholdingInput, call: Call): Result<DecisionAnswer>
  /** APL-5. */
  fileCourtCase(appealId: string, input: AppealCourtCaseInput, call: Call): Result<DecisionAnswer>
  recordCourtRuling(appealId: string, input: AppealCourtRulingInput, call: Call): Result<DecisionAnswer>
}

export interface AppealUseCases {
  readonly candidate: AppealCandidateUseCases
  readonly commission: AppealCommissionUseCases
}
