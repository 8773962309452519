import type { AnnulResult, FileCourtChallenge, RecordCourtRuling } from './commands.js'
import type { SessionContext } from './context.js'
import { type Decision, nothing, record, refuse } from './decision.js'
import type { SessionState } from './state.js'

/**
 * EXM-21/EXM-22: the board's annulment reaches the session with who, when,
 * why and the evidence; for copying it names the other session of the pair.
 */
export const annulResult = (command: AnnulResult, state: SessionState, context: SessionContext): Decision => {
  if (state.annulments.some((annulment) => annulment.decisionId === command.decisionId)) return nothing
  if (state.ended === undefined)
    return refuse(
      'session.no_result',
      'This session has no result to annul (the candidate did not sit the exam).',
    )
  if (state.annulment !== undefined)
    return refuse(
      'session.already_annulled',
      `This result is already annulled by decision ${state.annulment.decisionId}.`,
      { decisionId: state.annulment.decisionId },
    )
  const { type: _, ...decision } = command
  return record({ ...decision, type: 'ResultAnnulled', at: context.now })
}

/** EXM-22: the candidate took an annulment to court. */
export const fileCourtChallenge = (
  command: FileCourtChallenge,
  state: SessionState,
  context: SessionContext,
): Decision => {
  const existing = state.challenges.get(command.challengeId)
  if (existing !== undefined)
    return existing.filed.decisionId === command.decisionId
      ? nothing
      : refuse('session.challenge_id_reused', `Challenge ${command.challengeId} concerns another decision.`)
  if (!state.annulments.some((annulment) => annulment.decisionId === command.decisionId))
    return refuse('session.unknown_annulment', `Decision ${command.decisionId} did not annul this result.`, {
      decisionId: command.decisionId,
    })
  const open = [...state.challenges.values()].find(
    (challenge) => challenge.filed.decisionId === command.decisionId && challenge.ruling === undefined,
  )
  if (open !== undefined)
    return refuse(
      'session.challenge_open',
      `Challenge ${open.filed.challengeId} against this decision is still open.`,
    )
  return record({
    type: 'CourtChallengeFiled',
    sessionId: command.sessionId,
    challengeId: command.challengeId,
    decisionId: command.decisionId,
    caseReference: command.caseReference,
    at: context.now,
  })
}

/** EXM-22: the court's ruling; a reversal lifts the annulment and the result counts again. */
export const recordCourtRuling = (
  command: RecordCourtRuling,
  state: SessionState,
  context: SessionContext,
): Decision => {
  const challenge = state.challenges.get(command.challengeId)
  if (challenge === undefined)
    return refuse(
      'session.unknown_challenge',
      `No court challenge ${command.challengeId} was filed for this session.`,
    )
  if (challenge.ruling !== undefined)
    return challenge.ruling.outcome === command.outcome
      ? nothing
      : refuse('session.ruling_recorded', 'The ruling on this challenge is already recorded.')
  return record({
    type: 'CourtRulingRecorded',
    sessionId: command.sessionId,
    challengeId: command.challengeId,
    decisionId: challenge.filed.decisionId,
    outcome: command.outcome,
    rulingReference: command.rulingReference,
    at: context.now,
  })
}
