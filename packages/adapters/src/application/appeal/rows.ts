import type { AppealFiled, AppealState, ScoreRevisedOnAppeal } from '@imtahan/domain'
import type { AppealView, CommissionAppealView, CorrectionRow, RevisionRow } from './api.js'

const corrections = (applied: readonly CorrectionRow[]): readonly CorrectionRow[] =>
  applied.map(({ taskId, kind, answer }) => ({ taskId, kind, answer }))

const revisionRow = (event: ScoreRevisedOnAppeal): RevisionRow => ({
  revisionId: event.revisionId,
  by: event.by,
  oldScore: event.oldScore,
  newScore: event.newScore,
  oldPassed: event.oldPassed,
  newPassed: event.newPassed,
  at: event.at,
})

/**
 * An appeal as its candidate reads it, built field by field so nothing else
 * (a key, a commission member's id) can ride along. `revisions` are the
 * session's `ScoreRevisedOnAppeal` events of this appeal.
 */
export const appealView = (
  state: AppealState,
  sessionRevisions: readonly ScoreRevisedOnAppeal[],
): AppealView => {
  const filed = state.filed as AppealFiled
  const { decision, courtCase, ruling } = state
  return {
    appealId: filed.appealId,
    examId: filed.examId,
    sessionId: filed.sessionId,
    sequence: filed.sequence,
    status: state.status === 'none' ? 'open' : state.status,
    disputed: filed.disputed.map(({ taskId, answer }) => ({ taskId, answer })),
    grounds: filed.grounds,
    filedAt: filed.at,
    publishedAt: filed.publishedAt,
    deadline: filed.deadline,
    ...(decision === undefined
      ? {}
      : {
          decision: {
            outcome: decision.type === 'AppealRejected' ? 'rejected' : 'upheld',
            reasons: decision.reasons,
            corrections: decision.type === 'AppealUpheld' ? corrections(decision.corrections) : [],
            at: decision.at,
          },
        }),
    ...(courtCase === undefined
      ? {}
      : {
          court: {
            caseReference: courtCase.caseReference,
            filedAt: courtCase.at,
            ...(ruling === undefined
              ? {}
              : {
                  ruling: {
                    outcome: ruling.outcome,
                    rulingReference: ruling.rulingReference,
                    corrections: corrections(ruling.corrections),
                    at: ruling.at,
                  },
                }),
          },
        }),
    revisions: sessionRevisions.filter((event) => event.appealId === filed.appealId).map(revisionRow),
  }
}

export const commissionView = (
  state: AppealState,
  sessionRevisions: readonly ScoreRevisedOnAppeal[],
): CommissionAppealView => ({
  ...appealView(state, sessionRevisions),
  cabinetId: (state.filed as AppealFiled).cabinetId,
  ...(state.decision === undefined ? {} : { decidedBy: state.decision.decidedBy }),
})

const statusRank = (state: AppealState): number => (state.status === 'open' ? 0 : 1)
const decidedAt = (state: AppealState): number => state.decision?.at.getTime() ?? 0
const filedAt = (state: AppealState): number => state.filed?.at.getTime() ?? 0

/** The commission's order: open first, oldest filing first (first come, first decided); then the newest decisions. */
export const commissionOrder = (a: AppealState, b: AppealState): number =>
  statusRank(a) - statusRank(b) ||
  (a.status === 'open' ? filedAt(a) - filedAt(b) : decidedAt(b) - decidedAt(a)) ||
  ((a.appealId ?? '') < (b.appealId ?? '') ? -1 : 1)
