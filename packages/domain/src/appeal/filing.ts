import * as E from 'fp-ts/lib/Either.js'
import { bakuTimeText } from './baku-text.js'
import type { FileAppeal } from './commands.js'
import type { AppealableSession, AppealContext } from './context.js'
import { type Decision, nothing, record, refuse } from './decision.js'
import type { AppealFiled, DisputedTask } from './events.js'
import { appealIdOf, parseAppealId } from './ids.js'
import { type AppealState, isOpen } from './state.js'
import { checkAppealWindow } from './window.js'

const sameFiling = (filed: AppealFiled, command: FileAppeal): boolean =>
  filed.sessionId === command.sessionId &&
  filed.cabinetId === command.cabinetId &&
  filed.grounds === command.grounds &&
  filed.disputed.length === command.taskIds.length &&
  filed.disputed.every((task, index) => task.taskId === command.taskIds[index])

/** A retry of the same filing is answered with nothing; anything else on a used id is refused. */
const onExistingStream = (command: FileAppeal, state: AppealState): Decision => {
  const filed = state.filed as AppealFiled
  if (sameFiling(filed, command)) return nothing
  return isOpen(state)
    ? refuse(
        'appeal.already_open',
        `Appeal ${filed.appealId} of this result is still open; wait for the commission's decision.`,
        { openAppealId: filed.appealId },
      )
    : refuse(
        'appeal.sequence_stale',
        `Appeal ${command.appealId} already exists; reload this result's appeals and file again.`,
        { appealId: command.appealId },
      )
}

/** APL-3 against the session's earlier appeals: the chain 1…n−1 must be complete and decided. */
const checkSequence = (command: FileAppeal, earlier: readonly AppealState[]): Decision | undefined => {
  const open = earlier.find(isOpen)
  if (open !== undefined)
    return refuse(
      'appeal.already_open',
      `Appeal ${open.appealId} of this result is still open; one appeal at a time — wait for the commission's decision.`,
      { openAppealId: open.appealId },
    )
  const parsed = parseAppealId(command.appealId)
  const chainIntact = earlier.every(
    (appeal, index) => appeal.appealId === appealIdOf(command.sessionId, index + 1),
  )
  if (
    parsed === undefined ||
    parsed.sessionId !== command.sessionId ||
    parsed.sequence !== earlier.length + 1 ||
    !chainIntact
  )
    return refuse(
      'appeal.sequence_stale',
      `The appeal id must be ${appealIdOf(command.sessionId, earlier.length + 1)} (this result's appeal number ${earlier.length + 1}); reload and file again.`,
      { expected: appealIdOf(command.sessionId, earlier.length + 1), appealId: command.appealId },
    )
  return undefined
}

/** A task decided in an earlier appeal is not disputed again before the commission: that is for a court. */
const checkTasks = (
  command: FileAppeal,
  session: AppealableSession,
  earlier: readonly AppealState[],
): Decision | undefined => {
  const onForm = new Set(session.formTaskIds)
  const unknown = command.taskIds.filter((taskId) => !onForm.has(taskId))
  if (unknown.length > 0)
    return refuse(
      'appeal.unknown_task',
      `Not tasks of the test you sat: ${unknown.join(', ')}. Name the disputed tasks by the ids shown with your result.`,
      { taskIds: unknown },
    )
  const decided = new Map(
    earlier.flatMap((appeal) => (appeal.filed?.disputed ?? []).map((task) => [task.taskId, appeal.appealId])),
  )
  const again = command.taskIds.filter((taskId) => decided.has(taskId))
  if (again.length > 0)
    return refuse(
      'appeal.task_already_decided',
      `The commission has already decided on ${again.join(', ')} (appeal ${decided.get(again[0] as string)}); ` +
        'its decision can be taken to court, not appealed again.',
      { taskIds: again },
    )
  return undefined
}

const answerOf = (session: AppealableSession, taskId: string): string | null => {
  const given = Object.hasOwn(session.answers, taskId) ? session.answers[taskId] : undefined
  return given === undefined || given.trim() === '' ? null : given
}

/**
 * APL-2/APL-3, in this order: a retry; the session and whose it is (a
 * stranger learns nothing more); published; not annulled (court, not
 * here); in the window; no other appeal open; the tasks. Every refusal
 * records nothing.
 */
export const fileAppeal = (command: FileAppeal, state: AppealState, context: AppealContext): Decision => {
  if (state.status !== 'none') return onExistingStream(command, state)
  const session = context.session
  if (session === undefined || session.sessionId !== command.sessionId)
    return refuse('appeal.no_result', `Session ${command.sessionId} has no result to appeal.`, {
      sessionId: command.sessionId,
    })
  if (session.cabinetId !== command.cabinetId)
    return refuse('appeal.not_your_session', 'Only the candidate who sat this exam can appeal its result.')
  const { publishedAt } = session
  if (publishedAt === undefined || context.now.getTime() < publishedAt.getTime())
    return refuse(
      'appeal.not_published',
      publishedAt === undefined
        ? 'The results of this sitting are not published yet; an appeal can be filed once they are.'
        : `The results of this sitting are published at ${bakuTimeText(publishedAt)} (Asia/Baku); an appeal can be filed from then on.`,
      publishedAt === undefined ? undefined : { publishedAt: publishedAt.toISOString() },
    )
  if (session.annulled)
    return refuse(
      'appeal.annulled_result',
      'This result is annulled. The appeals commission does not review annulments; an annulment is challenged in court (file the court challenge against the annulment decision).',
      { sessionId: session.sessionId },
    )
  const window = checkAppealWindow(context.calendar, publishedAt, context.now, context.businessDays)
  if (E.isLeft(window)) return window
  const earlier = context.earlier ?? []
  const refused = checkSequence(command, earlier) ?? checkTasks(command, session, earlier)
  if (refused !== undefined) return refused
  const disputed: DisputedTask[] = command.taskIds.map((taskId) => ({
    taskId,
    answer: answerOf(session, taskId),
  }))
  return record({
    type: 'AppealFiled',
    appealId: command.appealId,
    sessionId: session.sessionId,
    examId: session.examId,
    cabinetId: session.cabinetId,
    sequence: earlier.length + 1,
    disputed,
    grounds: command.grounds,
    publishedAt,
    deadline: window.right.closesAt,
    at: context.now,
  })
}
