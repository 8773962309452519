import type { ScoreResult, SubgroupCode } from '../model.js'
import type { ScoreRevisedOnAppeal } from './appeal-codecs.js'
import { clockOf, type Phase } from './clock.js'
import type { SessionContext } from './context.js'
import type { AdmissionSlip, ScoreRevised } from './events.js'
import type { SessionState } from './state.js'

/** What the candidate and staff see of a session at `now` (EXM-16: after the deadline it reads as ended). */
export type SessionView = {
  readonly sessionId: string | undefined
  readonly phase: Phase
  readonly slip: AdmissionSlip | undefined
  readonly deadline: Date
  readonly remainingMs: number
  readonly answered: number
  /** True when the end is a fact of the clock not yet recorded (CloseIfDue will record it). */
  readonly endPending: boolean
}

export const sessionView = (state: SessionState, context: SessionContext): SessionView => {
  const clock = clockOf(state, context.sitting, context.now)
  return {
    sessionId: state.sessionId,
    phase: clock.phase,
    slip: state.slip,
    deadline: clock.deadline,
    remainingMs: clock.phase === 'ended' ? 0 : Math.max(0, clock.deadline.getTime() - context.now.getTime()),
    answered: Object.keys(state.answers).length,
    endPending: clock.due,
  }
}

/** EXM-17: the result certificate (arayış): score under the key as it stands, breakdown, pass mark. */
export type ResultCertificate = {
  readonly sessionId: string
  readonly subgroup: SubgroupCode
  readonly endedAt: Date
  readonly score: ScoreResult
  readonly passMark: number
  /** SCO-6: false while the result is annulled, whatever the score. */
  readonly passed: boolean
  readonly annulled: boolean
  readonly revisions: readonly ScoreRevised[]
  /** APL-4/APL-5: re-scores on appeal (by the commission or a court). */
  readonly appealRevisions: readonly ScoreRevisedOnAppeal[]
}

export const resultCertificate = (state: SessionState): ResultCertificate | undefined => {
  const { ended, result } = state
  if (ended === undefined || result === undefined) return undefined
  const annulled = state.annulment !== undefined
  return {
    sessionId: ended.sessionId,
    subgroup: ended.subgroup,
    endedAt: ended.endedAt,
    score: result,
    passMark: result.passMark,
    passed: result.passed && !annulled,
    annulled,
    revisions: state.revisions,
    appealRevisions: state.appealRevisions,
  }
}
