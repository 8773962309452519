import * as E from 'fp-ts/lib/Either.js'
import type { DomainError } from '../../kernel/errors.js'
import { clockOf } from './clock.js'
import type { SessionContext } from './context.js'
import type { EndReason, SessionEnded } from './events.js'
import { type Scored, scoreSession } from './score.js'
import type { SessionState } from './state.js'

/**
 * EXM-16/EXM-17: the end of a session with its final answers and the score
 * under the key as it stands (every review the board has recorded so far).
 * A session that ran out of time ends at its deadline, whenever the end is
 * recorded.
 */
export const endSession = (
  state: SessionState,
  context: SessionContext,
  reason: EndReason,
): E.Either<DomainError, SessionEnded> => {
  const { deadline } = clockOf(state, context.sitting, context.now)
  const subgroup = state.subgroup ?? state.registration?.subgroup ?? state.slip?.subgroup
  const examId = state.registration?.examId ?? context.sitting.examId
  if (subgroup === undefined || state.sessionId === undefined)
    return E.left({ code: 'session.not_registered', message: 'This session has no registration to end.' })
  return E.map(
    ({ formId, result, reviewIds }: Scored): SessionEnded => ({
      type: 'SessionEnded',
      sessionId: state.sessionId as string,
      examId,
      subgroup,
      formId,
      reason,
      answers: state.answers,
      startedAt: context.sitting.startsAt,
      deadline,
      endedAt: reason === 'time_up' ? deadline : context.now,
      result,
      reviewIds,
    }),
  )(scoreSession(context.sitting, subgroup, state.answers))
}
