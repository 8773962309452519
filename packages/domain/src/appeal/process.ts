import { type ToSession, toSession } from '../exam/processes/envelopes.js'
import type { AppliedCorrection, CorrectionAuthority } from '../exam/session/appeal-codecs.js'
import type { AppealEvent } from './events.js'
import { appealRevisionIdOf } from './ids.js'

const applyCorrections = (
  event: { readonly appealId: string; readonly sessionId: string },
  by: CorrectionAuthority,
  corrections: readonly AppliedCorrection[],
  reason: string,
): ToSession => {
  const revisionId = appealRevisionIdOf(event.appealId, by)
  return toSession(`appeal:${revisionId}`, event.sessionId, {
    type: 'ApplyAppealCorrections',
    sessionId: event.sessionId,
    revisionId,
    appealId: event.appealId,
    by,
    corrections: corrections.map(({ taskId, kind }) => ({ taskId, kind })),
    reason,
  })
}

/**
 * APL-4/APL-5/APL-6 as a pure reaction: every change of the result happens
 * in the session's own history, through `ApplyAppealCorrections`.
 *
 *   AppealUpheld                               → re-score, reason "appeal <id>"
 *   AppealCourtRulingRecorded (result_changed) → final re-score, reason "court ruling on appeal <id>"
 *
 * Command and revision ids are derived from the appeal and the authority
 * (`appeal:<appealId>:commission|court`): a redelivered event sends the same
 * command, and the session records at most one revision for it.
 */
export const appealProcess = (event: AppealEvent): readonly ToSession[] => {
  switch (event.type) {
    case 'AppealUpheld':
      return [applyCorrections(event, 'commission', event.corrections, `appeal ${event.appealId}`)]
    case 'AppealCourtRulingRecorded':
      return event.outcome === 'result_changed'
        ? [applyCorrections(event, 'court', event.corrections, `court ruling on appeal ${event.appealId}`)]
        : []
    default:
      return []
  }
}
