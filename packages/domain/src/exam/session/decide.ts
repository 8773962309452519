import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { recordable } from '../../kernel/recordable.js'
import { admitCandidate, callStaff, correctCandidateData, registerInHall } from './admission.js'
import { annulResult, fileCourtChallenge, recordCourtRuling } from './annulment.js'
import { answerTask, clearAnswer, closeIfDue, finishSession } from './answering.js'
import { applyAppealCorrections } from './appeal-revision.js'
import type { SessionCommand } from './commands.js'
import { recordViolation } from './conduct.js'
import type { SessionContext } from './context.js'
import type { Decision } from './decision.js'
import { SessionEvent } from './events.js'
import { assignSeat, confirmRegistration, refuseRegistration, requestRegistration } from './registration.js'
import { reviseScore } from './revisions.js'
import type { SessionState } from './state.js'
import { grantExtension, pauseSession, resumeSession } from './timer.js'

const isRecordable = recordable('session', SessionEvent.types)

const route = (command: SessionCommand, state: SessionState, context: SessionContext): Decision => {
  switch (command.type) {
    case 'RequestRegistration':
      return requestRegistration(command, state, context)
    case 'AssignSeat':
      return assignSeat(command, state, context)
    case 'ConfirmRegistration':
      return confirmRegistration(command, state, context)
    case 'RefuseRegistration':
      return refuseRegistration(command, state, context)
    case 'AdmitCandidate':
      return admitCandidate(command, state, context)
    case 'RegisterInHall':
      return registerInHall(command, state, context)
    case 'CallStaff':
      return callStaff(command, state, context)
    case 'CorrectCandidateData':
      return correctCandidateData(command, state, context)
    case 'AnswerTask':
      return answerTask(command, state, context)
    case 'ClearAnswer':
      return clearAnswer(command, state, context)
    case 'FinishSession':
      return finishSession(command, state, context)
    case 'CloseIfDue':
      return closeIfDue(command, state, context)
    case 'PauseSession':
      return pauseSession(command, state, context)
    case 'ResumeSession':
      return resumeSession(command, state, context)
    case 'GrantExtension':
      return grantExtension(command, state, context)
    case 'RecordViolation':
      return recordViolation(command, state, context)
    case 'AnnulResult':
      return annulResult(command, state, context)
    case 'FileCourtChallenge':
      return fileCourtChallenge(command, state, context)
    case 'RecordCourtRuling':
      return recordCourtRuling(command, state, context)
    case 'ReviseScore':
      return reviseScore(command, state, context)
    case 'ApplyAppealCorrections':
      return applyAppealCorrections(command, state, context)
  }
}

/** A command for another session is refused; the rest go to the rules of their moment, and nothing is recorded that its codec would refuse. */
export const decideSession = (
  command: SessionCommand,
  state: SessionState,
  context: SessionContext,
): Decision => {
  if ('sessionId' in command && state.sessionId !== undefined && command.sessionId !== state.sessionId)
    return E.left({
      code: 'session.wrong_session',
      message: `This command names session ${command.sessionId}, but the stream holds ${state.sessionId}.`,
    })
  return pipe(route(command, state, context), E.chain(isRecordable))
}
