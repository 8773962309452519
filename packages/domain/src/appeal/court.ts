import * as E from 'fp-ts/lib/Either.js'
import type { AppliedCorrection } from '../exam/session/appeal-codecs.js'
import type { FileAppealCourtCase, RecordAppealCourtRuling } from './commands.js'
import type { AppealContext } from './context.js'
import { checkCorrections } from './corrections.js'
import { type Decision, nothing, record, refuse } from './decision.js'
import type { AppealState } from './state.js'

/** APL-5: the commission's decision (either way) was taken to court; one case per appeal. */
export const fileAppealCourtCase = (
  command: FileAppealCourtCase,
  state: AppealState,
  context: AppealContext,
): Decision => {
  const filed = state.filed
  if (filed === undefined)
    return refuse('appeal.unknown', `No appeal ${command.appealId} was filed.`, {
      appealId: command.appealId,
    })
  if (state.decision === undefined)
    return refuse(
      'appeal.not_decided',
      `The commission has not decided appeal ${filed.appealId} yet; a court case challenges its decision, so it comes after.`,
    )
  if (state.courtCase !== undefined)
    return state.courtCase.caseReference === command.caseReference
      ? nothing
      : refuse(
          'appeal.court_case_filed',
          `Court case ${state.courtCase.caseReference} is already recorded for this appeal.`,
          { caseReference: state.courtCase.caseReference },
        )
  return record({
    type: 'AppealCourtCaseFiled',
    appealId: filed.appealId,
    sessionId: filed.sessionId,
    caseReference: command.caseReference,
    recordedBy: command.recordedBy,
    at: context.now,
  })
}

/**
 * APL-5: the court's ruling, once. `result_changed` carries the court's
 * corrected judgements and becomes the session's final revision (appeal
 * process); like the commission, a court's correction credits a task for
 * this candidate — a ruling that would lower a result is not modelled.
 */
export const recordAppealCourtRuling = (
  command: RecordAppealCourtRuling,
  state: AppealState,
  context: AppealContext,
): Decision => {
  const { filed, courtCase } = state
  if (filed === undefined || courtCase === undefined)
    return refuse(
      'appeal.no_court_case',
      `No court case is recorded for appeal ${command.appealId}; record the filing first.`,
      { appealId: command.appealId },
    )
  if (state.ruling !== undefined)
    return state.ruling.outcome === command.outcome &&
      state.ruling.rulingReference === command.rulingReference
      ? nothing
      : refuse(
          'appeal.court_ruled',
          `The court's ruling ${state.ruling.rulingReference} on this appeal is already recorded; it is final.`,
          { rulingReference: state.ruling.rulingReference },
        )
  const changes = command.outcome === 'result_changed'
  if (changes !== command.corrections.length > 0)
    return refuse(
      'appeal.invalid_ruling',
      changes
        ? 'A ruling that changes the result names the tasks the court corrected.'
        : 'A ruling that lets the decision stand corrects no task; leave the corrections empty.',
    )
  return E.chain(
    (corrections: readonly AppliedCorrection[]): Decision =>
      record({
        type: 'AppealCourtRulingRecorded',
        appealId: filed.appealId,
        sessionId: filed.sessionId,
        caseReference: courtCase.caseReference,
        outcome: command.outcome,
        corrections,
        rulingReference: command.rulingReference,
        recordedBy: command.recordedBy,
        at: context.now,
      }),
  )(checkCorrections(filed, command.corrections, 'The court'))
}
