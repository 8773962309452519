import {
  type DomainError,
  domainError,
  formOf,
  groupOf,
  publishedResults,
  type ResultCertificate,
  resultCertificate,
  type SessionState,
  sessionIdOf,
  sessionView,
} from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import type { Call } from '../shared/caller.js'
import { checkActor } from '../shared/caller.js'
import type { FollowUps } from '../shared/process-registry.js'
import type { Result } from '../shared/result.js'
import type { CandidateTasks, ExamCandidateUseCases } from './api.js'
import { runSession, sessionNotFound, statusOf } from './common.js'
import { type ExamEnv, sessionContext } from './env.js'
import { registerForSitting } from './registration.js'
import { summaryOf } from './summaries.js'

const notRegistered = (examId: string): DomainError =>
  domainError('session.not_found', `You have no registration for sitting ${examId}.`, { examId })

/** The candidate's own session: the id derives from the token's cabinet, so no other can be named. */
const ownSession = async (
  exam: ExamEnv,
  cabinetId: string,
  examId: string,
  call: Call,
  fast = false,
): Result<{ readonly sessionId: string; readonly state: SessionState }> => {
  const allowed = checkActor(call, cabinetId)
  if (E.isLeft(allowed)) return allowed
  const sessionId = sessionIdOf(examId, cabinetId.toLowerCase())
  // The answer path trusts the cache: a stale entry only costs a conflict and a retry at the append.
  const { state } =
    (fast ? exam.sessions.peek(sessionId) : undefined) ?? (await exam.sessions.load(sessionId))
  return state.status === 'none' ? E.left(notRegistered(examId)) : E.right({ sessionId, state })
}

/** EXM-15: tasks only while the exam runs for this candidate; the variant follows the seat (SCO-0). */
const tasksOf = async (
  exam: ExamEnv,
  cabinetId: string,
  examId: string,
  call: Call,
): Result<CandidateTasks> => {
  const own = await ownSession(exam, cabinetId, examId, call)
  if (E.isLeft(own)) return own
  const context = await sessionContext(exam, examId, false)
  if (E.isLeft(context)) return context
  const { state } = own.right
  const view = sessionView(state, context.right)
  if (view.phase !== 'in_progress') return E.left(notRunning(view.phase, context.right.sitting.startsAt))
  const form =
    state.subgroup === undefined ? undefined : formOf(context.right.sitting, groupOf(state.subgroup))
  if (form === undefined) return E.left(sessionNotFound(own.right.sessionId))
  const { variants, tasks } = form.form
  const seat = state.hall?.seat ?? 1
  const variant = variants[(seat - 1) % variants.length] ?? { name: 'A', order: tasks.map((task) => task.id) }
  const byId = new Map(tasks.map((task) => [task.id, task]))
  return E.right({
    examId,
    variant: variant.name,
    deadline: view.deadline,
    remainingMs: view.remainingMs,
    tasks: variant.order.flatMap((taskId, index) => {
      const task = byId.get(taskId)
      if (task === undefined) return []
      const answer = state.answers[taskId]
      // Built field by field on purpose: nothing of the key can ride along.
      return [
        {
          position: index + 1,
          taskId,
          subject: task.subject,
          type: task.type,
          text: task.text,
          ...(task.options === undefined ? {} : { options: task.options }),
          ...(answer === undefined ? {} : { answer }),
        },
      ]
    }),
  })
}

const notRunning = (phase: string, startsAt: Date): DomainError => {
  if (phase === 'ended' || phase === 'absent')
    return domainError('session.ended', 'The exam is over for you; tasks are no longer shown.')
  if (phase === 'paused')
    return domainError('session.paused', 'The session is paused by staff; wait for it to resume.')
  if (phase === 'seated' || phase === 'familiarisation' || phase === 'registered' || phase === 'admitted')
    return domainError('session.not_started', `Tasks are shown from the start, ${startsAt.toISOString()}.`, {
      startsAt: startsAt.toISOString(),
    })
  return domainError('session.not_seated', 'You are not registered in the hall for this exam.')
}

/** EXM-16/17: the certificate; an end the clock decided but nobody recorded yet is recorded first. */
const certificateOf = async (
  exam: ExamEnv,
  followUps: FollowUps,
  cabinetId: string,
  examId: string,
  call: Call,
  finish: boolean,
): Result<ResultCertificate> => {
  const own = await ownSession(exam, cabinetId, examId, call)
  if (E.isLeft(own)) return own
  const { sessionId } = own.right
  const type = finish ? 'FinishSession' : 'CloseIfDue'
  const done = await runSession(exam, { type, sessionId }, call)
  if (E.isLeft(done)) return done
  await followUps.runFollowUps(done.right.events)
  const { state } = await exam.sessions.load(sessionId)
  const certificate = resultCertificate(state)
  return certificate === undefined
    ? E.left(domainError('session.not_ended', 'The certificate is issued when the session ends (EXM-17).'))
    : E.right(certificate)
}

export const candidateUseCases = (exam: ExamEnv, followUps: FollowUps): ExamCandidateUseCases => ({
  openSittings: async () => {
    await exam.results.catchUp()
    const now = exam.clock.now().getTime()
    return E.right(
      (await exam.results.sittings())
        .map(({ defined }) => summaryOf(defined))
        .filter((summary) => summary.registrationClosesAt.getTime() > now),
    )
  },
  register: (cabinetId, examId, input, call) =>
    registerForSitting(exam, followUps, cabinetId, examId, input, call),
  session: async (cabinetId, examId, call) => {
    const own = await ownSession(exam, cabinetId, examId, call)
    return E.isLeft(own) ? own : statusOf(exam, own.right.sessionId)
  },
  slip: async (cabinetId, examId, call) => {
    const own = await ownSession(exam, cabinetId, examId, call)
    if (E.isLeft(own)) return own
    const { slip } = own.right.state
    return slip === undefined
      ? E.left(domainError('session.no_slip', 'No admission slip: the registration is not confirmed.'))
      : E.right(slip)
  },
  tasks: (cabinetId, examId, call) => tasksOf(exam, cabinetId, examId, call),
  answer: async (cabinetId, examId, taskId, input, call) => {
    const own = await ownSession(exam, cabinetId, examId, call, true)
    if (E.isLeft(own)) return own
    const command = {
      type: 'AnswerTask' as const,
      sessionId: own.right.sessionId,
      taskId,
      answer: input.answer,
    }
    const done = await runSession(exam, command, call, { fresh: false })
    if (E.isLeft(done)) return done
    const { state } =
      exam.sessions.peek(own.right.sessionId) ?? (await exam.sessions.load(own.right.sessionId))
    return E.right({ taskId, answer: state.answers[taskId] ?? '' })
  },
  clearAnswer: async (cabinetId, examId, taskId, call) => {
    const own = await ownSession(exam, cabinetId, examId, call, true)
    if (E.isLeft(own)) return own
    const command = { type: 'ClearAnswer' as const, sessionId: own.right.sessionId, taskId }
    const done = await runSession(exam, command, call, { fresh: false })
    return E.isLeft(done) ? done : E.right({ taskId })
  },
  callStaff: async (cabinetId, examId, input, call) => {
    const own = await ownSession(exam, cabinetId, examId, call)
    if (E.isLeft(own)) return own
    const requestId = exam.newId()
    const command = {
      type: 'CallStaff' as const,
      sessionId: own.right.sessionId,
      requestId,
      message: input.message,
    }
    const done = await runSession(exam, command, call)
    return E.isLeft(done) ? done : E.right({ requestId })
  },
  finish: (cabinetId, examId, call) => certificateOf(exam, followUps, cabinetId, examId, call, true),
  certificate: (cabinetId, examId, call) => certificateOf(exam, followUps, cabinetId, examId, call, false),
  result: async (cabinetId, examId, call) => {
    const own = await ownSession(exam, cabinetId, examId, call)
    if (E.isLeft(own)) return own
    await exam.results.catchUp()
    // The candidate's own row only: a sitting of 10,000 is not read for one result.
    const results = await exam.results.resultOf(examId, own.right.sessionId)
    const { publishedAt } = results
    if (publishedAt === undefined || exam.clock.now().getTime() < publishedAt.getTime())
      return E.left(
        domainError(
          'exam.results_not_published',
          'The results of this sitting are not published yet (APL-1).',
          {
            ...(publishedAt === undefined ? {} : { publishedAt: publishedAt.toISOString() }),
          },
        ),
      )
    const row = publishedResults(results, exam.clock.now()).find(
      (candidate) => candidate.sessionId === own.right.sessionId,
    )
    const final = row?.final
    if (row === undefined || final === undefined)
      return E.left(
        domainError('session.no_result', 'You have no result in this sitting (you did not sit it).'),
      )
    return E.right({
      examId,
      subgroup: row.subgroup,
      publishedAt,
      annulled: final.annulled,
      passed: final.passed,
      ...(final.annulled ? {} : { score: final.result }),
      revisions: final.revisions,
    })
  },
})
