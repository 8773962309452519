import * as E from 'fp-ts/lib/Either.js'
import type { AppliedCorrection } from '../exam/session/appeal-codecs.js'
import type { RejectAppeal, UpholdAppeal } from './commands.js'
import type { AppealContext } from './context.js'
import { checkCorrections } from './corrections.js'
import { type Decision, nothing, record, refuse } from './decision.js'
import type { AppealFiled } from './events.js'
import type { AppealState } from './state.js'

const unknown = (appealId: string): Decision =>
  refuse('appeal.unknown', `No appeal ${appealId} was filed.`, { appealId })

/** A repeat of the decision already recorded is answered with nothing; another decision is refused (APL-6). */
const alreadyDecided = (state: AppealState, same: boolean): Decision =>
  same
    ? nothing
    : refuse(
        'appeal.already_decided',
        `The commission already ${state.status} appeal ${state.appealId}; a decision is final here and can be taken to court.`,
        { appealId: state.appealId, status: state.status },
      )

/** APL-4: rejected — the result stays as it is; the reasons are shown in the cabinet. */
export const rejectAppeal = (command: RejectAppeal, state: AppealState, context: AppealContext): Decision => {
  const filed = state.filed
  if (filed === undefined) return unknown(command.appealId)
  if (state.decision !== undefined)
    return alreadyDecided(
      state,
      state.decision.type === 'AppealRejected' && state.decision.reasons === command.reasons,
    )
  return record({
    type: 'AppealRejected',
    appealId: filed.appealId,
    sessionId: filed.sessionId,
    reasons: command.reasons,
    decidedBy: command.decidedBy,
    at: context.now,
  })
}

const sameUphold = (state: AppealState, command: UpholdAppeal): boolean =>
  state.decision?.type === 'AppealUpheld' &&
  state.decision.reasons === command.reasons &&
  state.decision.corrections.length === command.corrections.length &&
  state.decision.corrections.every(
    (correction, index) =>
      correction.taskId === command.corrections[index]?.taskId &&
      correction.kind === command.corrections[index]?.kind,
  )

/**
 * APL-4: upheld with corrected judgements for some or all of the disputed
 * tasks. The appeal process turns this into the session's re-score, which
 * recomputes the score and pass/fail (the decider of the session is the one
 * that knows the answers, the key and the reviews).
 */
export const upholdAppeal = (command: UpholdAppeal, state: AppealState, context: AppealContext): Decision => {
  const filed: AppealFiled | undefined = state.filed
  if (filed === undefined) return unknown(command.appealId)
  if (state.decision !== undefined) return alreadyDecided(state, sameUphold(state, command))
  if (command.corrections.length === 0)
    return refuse(
      'appeal.invalid_corrections',
      'An upheld appeal names at least one corrected task; to leave the result unchanged, reject the appeal.',
    )
  return E.chain(
    (corrections: readonly AppliedCorrection[]): Decision =>
      record({
        type: 'AppealUpheld',
        appealId: filed.appealId,
        sessionId: filed.sessionId,
        corrections,
        reasons: command.reasons,
        decidedBy: command.decidedBy,
        at: context.now,
      }),
  )(checkCorrections(filed, command.corrections, 'The commission'))
}
