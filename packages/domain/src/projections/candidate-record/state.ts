import type { DisputedTask } from '../../appeal/events.js'
import type { SubgroupCode } from '../../exam/model.js'
import type { AppliedCorrection } from '../../exam/session/appeal-codecs.js'

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

export type SittingFacts = {
  readonly title: string | undefined
  readonly startsAt: Date | undefined
  readonly publishedAt: Date | undefined
}

export type SessionFacts = {
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

/** A sitting whose ExamDefined has not been folded yet. */
export const NO_SITTING: SittingFacts = { title: undefined, startsAt: undefined, publishedAt: undefined }

/** SCO-4/SCO-6: passed on the current score and not annulled. */
export const passedNow = (session: SessionFacts): boolean => session.scorePasses && !session.annulled

export const emptyCandidateRecord = (cabinetId: string): CandidateRecordState => ({
  cabinetId,
  sittings: new Map(),
  sessions: new Map(),
  appeals: new Map(),
})
