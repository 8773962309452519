import * as E from 'fp-ts/lib/Either.js'
import { readClosedAnswer } from '../normalise.js'
import { type Clock, clockOf } from './clock.js'
import type { AnswerTask, ClearAnswer, CloseIfDue, FinishSession } from './commands.js'
import type { SessionContext } from './context.js'
import { type Decision, nothing, record, refuse } from './decision.js'
import { endSession } from './ending.js'
import type { SessionEvent } from './events.js'
import { formFor } from './score.js'
import type { SessionState } from './state.js'

/** Why a candidate cannot answer right now, or undefined when the exam is running for them. */
const notAnswering = (clock: Clock): Decision | undefined => {
  switch (clock.phase) {
    case 'in_progress':
      return undefined
    case 'ended':
      return refuse(
        'session.ended',
        `The session ended at ${clock.deadline.toISOString()} or earlier; answers after the end are refused.`,
        { deadline: clock.deadline.toISOString() },
      )
    case 'paused':
      return refuse('session.paused', 'The session is paused by staff; answer again when it resumes.')
    case 'seated':
    case 'familiarisation':
      return refuse(
        'session.not_started',
        `The exam starts at ${clock.times.startsAt.toISOString()}; until then the program shows the rules (EXM-14).`,
        { startsAt: clock.times.startsAt.toISOString() },
      )
    default:
      return refuse('session.not_seated', 'The candidate is not registered in the hall for this exam.')
  }
}

/** EXM-15: any task, in any order, changeable until the end. */
export const answerTask = (command: AnswerTask, state: SessionState, context: SessionContext): Decision => {
  const blocked = notAnswering(clockOf(state, context.sitting, context.now))
  if (blocked !== undefined) return blocked
  const found = state.subgroup === undefined ? undefined : formFor(context.sitting, state.subgroup)
  const task =
    found !== undefined && E.isRight(found)
      ? found.right.form.tasks.find((candidate) => candidate.id === command.taskId)
      : undefined
  if (task === undefined)
    return refuse('session.unknown_task', `Task ${command.taskId} is not on this candidate's form.`, {
      taskId: command.taskId,
    })
  let answer = command.answer
  if (task.type === 'closed') {
    const letter = readClosedAnswer(answer)
    const offered = (task.options?.length ?? 5) > 'ABCDE'.indexOf(letter)
    if (letter === 'blank' || letter === 'other' || !offered)
      return refuse(
        'session.invalid_answer',
        `Task ${task.id} is answered with one of its option letters (A–${'ABCDE'[(task.options?.length ?? 5) - 1]}).`,
        { taskId: task.id },
      )
    answer = letter
  }
  if (state.answers[task.id] === answer) return nothing
  return record({
    type: 'TaskAnswered',
    sessionId: command.sessionId,
    taskId: task.id,
    answer,
    at: context.now,
  })
}

export const clearAnswer = (command: ClearAnswer, state: SessionState, context: SessionContext): Decision => {
  const blocked = notAnswering(clockOf(state, context.sitting, context.now))
  if (blocked !== undefined) return blocked
  if (state.answers[command.taskId] === undefined) return nothing
  return record({
    type: 'AnswerCleared',
    sessionId: command.sessionId,
    taskId: command.taskId,
    at: context.now,
  })
}

const recordEnd = (state: SessionState, context: SessionContext, reason: 'finished' | 'time_up'): Decision =>
  E.map((ended: SessionEvent): readonly SessionEvent[] => [ended])(endSession(state, context, reason))

/**
 * EXM-16: the candidate finishes, never before 45 minutes after the start.
 * Past the deadline "finish" records what the time had already decided.
 */
export const finishSession = (
  command: FinishSession,
  state: SessionState,
  context: SessionContext,
): Decision => {
  const clock = clockOf(state, context.sitting, context.now)
  if (state.ended !== undefined) return nothing
  if (clock.due) return recordEnd(state, context, 'time_up')
  const blocked = notAnswering(clock)
  if (blocked !== undefined) return blocked
  if (context.now.getTime() < clock.times.earliestFinish.getTime())
    return refuse(
      'session.too_early_to_finish',
      `The exam can be finished from ${clock.times.earliestFinish.toISOString()} (${context.sitting.timing.earliestFinishMinutes} minutes after the start).`,
      { earliestFinish: clock.times.earliestFinish.toISOString(), sessionId: command.sessionId },
    )
  return recordEnd(state, context, 'finished')
}

/** EXM-16: records the end of a session whose time is up (scheduler, or the first reader after the deadline). */
export const closeIfDue = (_command: CloseIfDue, state: SessionState, context: SessionContext): Decision =>
  clockOf(state, context.sitting, context.now).due ? recordEnd(state, context, 'time_up') : nothing
