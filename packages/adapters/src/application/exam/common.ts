import {
  belongsToExam,
  type DomainError,
  domainError,
  examIdOfSession,
  type SessionCommand,
  type SessionEvent,
  sessionView,
} from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import type { CommandResult } from '../../command/handle.js'
import type { Call } from '../shared/caller.js'
import type { FollowUps } from '../shared/process-registry.js'
import type { Result } from '../shared/result.js'
import type { SessionStatus } from './api.js'
import { type ExamEnv, sessionContext } from './env.js'

const forbidden = (message: string): DomainError => domainError('auth.forbidden', message)

/** RULES.md §5: the board's use cases answer the board only. */
export const asBoard = (call: Call): E.Either<DomainError, void> =>
  call.caller.kind === 'board' ? E.right(undefined) : E.left(forbidden('This is for the examination board.'))

/** RULES.md §5: staff act on the sittings their key is scoped to (any sitting for an unscoped key). */
export const asStaff = (call: Call, examId: string): E.Either<DomainError, void> => {
  const { caller: actor } = call
  if (actor.kind !== 'staff') return E.left(forbidden('This is for exam staff.'))
  return actor.exams === undefined || actor.exams.includes(examId)
    ? E.right(undefined)
    : E.left(forbidden(`Your staff key is not assigned to sitting ${examId}.`))
}

export const sessionNotFound = (sessionId: string): DomainError =>
  domainError('session.not_found', `There is no session ${sessionId} in this sitting.`, { sessionId })

/** A session id in a path must name a session of the sitting in the same path. */
export const checkSessionOf = (examId: string, sessionId: string): E.Either<DomainError, void> =>
  belongsToExam(sessionId, examId) && sessionId.length > examId.length + 1
    ? E.right(undefined)
    : E.left(sessionNotFound(sessionId))

/** A session command staff or the board send: every one names its session. */
export type SessionAction = Extract<SessionCommand, { readonly sessionId: string }>

/**
 * One session command at the clock's `now`, on the cached session stream.
 * `fresh: false` is the answer path: the sitting's definition is enough.
 */
export const runSession = async (
  exam: ExamEnv,
  command: SessionCommand & { readonly sessionId: string },
  call: Call,
  options: { readonly fresh?: boolean; readonly commandId?: string } = {},
): Result<CommandResult<SessionEvent>> => {
  const context = await sessionContext(exam, examIdOfSession(command.sessionId), options.fresh ?? true)
  if (E.isLeft(context)) return context
  return exam.sessions.run(command.sessionId, {
    command,
    context: context.right,
    call,
    ...(options.commandId === undefined ? {} : { commandId: options.commandId }),
  })
}

/** The session as it reads at `now` (EXM-16: ended past the deadline even before the end is recorded). */
export const statusOf = async (exam: ExamEnv, sessionId: string): Result<SessionStatus> => {
  const examId = examIdOfSession(sessionId)
  const context = await sessionContext(exam, examId, false)
  if (E.isLeft(context)) return context
  const { state } = await exam.sessions.load(sessionId)
  if (state.status === 'none') return E.left(sessionNotFound(sessionId))
  return E.right({ ...sessionView(state, context.right), examId })
}

/** Runs a session command for staff or the board and answers with the session's status after it. */
export const actOnSession = async (
  exam: ExamEnv,
  followUps: FollowUps,
  command: SessionAction,
  call: Call,
): Result<SessionStatus> => {
  const { state } = await exam.sessions.load(command.sessionId)
  if (state.status === 'none') return E.left(sessionNotFound(command.sessionId))
  const done = await runSession(exam, command, call)
  if (E.isLeft(done)) return done
  await followUps.runFollowUps(done.right.events)
  return statusOf(exam, command.sessionId)
}
