import {
  annulmentProcess,
  type ExamEvent,
  examIdOfSession,
  isDomainErrorCode,
  openSessions,
  registrationChargeRefused,
  registrationProcess,
  type SessionEvent,
} from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import { type ProcessDefinition, type StepRunners, stepCommandOptions } from '../shared/process-registry.js'
import { type ExamEnv, sessionContext } from './env.js'
import { rescoreSitting } from './rescore.js'

/** EXM-10: seat → fee → confirmation, or the wallet's recorded "no" (WAL-3) → refusal → seat released. */
export const examRegistration: ProcessDefinition = {
  name: 'exam registration',
  triggers: new Set([
    'RegistrationRequested',
    'SeatAssigned',
    'RegistrationRefused',
    'SeatAllocated',
    'SeatAllocationDeclined',
    'FeeCharged',
    'FeeChargeDeclined',
  ]),
  stepsFor: (event) =>
    event.type === 'FeeChargeDeclined'
      ? registrationChargeRefused(
          { ...event, type: 'ChargeFee' },
          {
            // The reason is stored as text; every decline the wallet records carries one of its codes.
            code: isDomainErrorCode(event.reason) ? event.reason : 'session.registration_refused',
            message: 'The fee could not be charged.',
          },
        )
      : registrationProcess(event as Parameters<typeof registrationProcess>[0]),
}

/** EXM-21: one annulment decision → each of its sessions. */
export const sessionAnnulment: ProcessDefinition = {
  name: 'annulment',
  triggers: new Set(['AnnulmentDecided']),
  stepsFor: (event) => annulmentProcess(event as ExamEvent),
}

/** SCO-5: a recorded expert review → the sitting's re-score (`rescore:<reviewId>`). */
export const reviewRescore: ProcessDefinition = {
  name: 're-score after review',
  triggers: new Set(['ExpertReviewRecorded']),
  stepsFor: (event) =>
    event.type === 'ExpertReviewRecorded'
      ? [
          {
            to: 'rescore',
            examId: event.examId,
            reviewId: event.review.reviewId,
            commandId: `rescore:${event.review.reviewId}`,
          },
        ]
      : [],
}

/** Publication waits for every session of the sitting to end (APL-1); only it needs the count. */
const openSessionsOf = async (
  exam: ExamEnv,
  command: { readonly type: string; readonly examId?: string },
) => {
  if (command.type !== 'PublishResults' || command.examId === undefined) return undefined
  await exam.results.catchUp()
  return openSessions(await exam.results.results(command.examId)).length
}

/** The sitting, session and re-score steps of every process (the appeals' re-scores too). */
export const examStepRunners = (exam: ExamEnv): Pick<StepRunners, 'exam' | 'session' | 'rescore'> => ({
  rescore: async (step, options) => {
    // Stopped by the store: thrown, so the runner delivers the review again and the rest is done.
    const run = await rescoreSitting(exam, step.examId, step.reviewId, options.causationId)
    if (run.interrupted !== undefined) throw run.interrupted
    return E.right([])
  },
  exam: async (step, options) => {
    const openSessions = await openSessionsOf(exam, step.command)
    const context = {
      now: exam.clock.now(),
      blueprint: exam.blueprint,
      ...(openSessions === undefined ? {} : { openSessions }),
    }
    const done = await exam.sittings.run(step.streamId, {
      command: step.command,
      context,
      ...stepCommandOptions(step.commandId, options),
    })
    return E.map((result: { readonly events: readonly ExamEvent[] }) => result.events)(done)
  },
  session: async (step, options) => {
    const context = await sessionContext(exam, examIdOfSession(step.streamId))
    if (E.isLeft(context)) return context
    const done = await exam.sessions.run(step.streamId, {
      command: step.command,
      context: context.right,
      ...stepCommandOptions(step.commandId, options),
    })
    return E.map((result: { readonly events: readonly SessionEvent[] }) => result.events)(done)
  },
})

/** The exam area's processes, for the application's one registry. */
export const examProcesses: readonly ProcessDefinition[] = [examRegistration, sessionAnnulment, reviewRescore]
