import {
  annulmentProcess,
  type ExamEvent,
  type ExamProcessCommand,
  examIdOfSession,
  isDomainErrorCode,
  openSessions,
  registrationChargeRefused,
  registrationProcess,
  type SessionEvent,
  type ToWallet,
  type WalletEvent,
} from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import { dispatch as dispatchApp, ProcessStepDeferredError } from '../app/processes.js'
import { WALLET, WALLET_PREFIX } from '../app/streams.js'
import { decodeRecorded } from '../command/codec.js'
import type { RecordedEvent } from '../store/port.js'
import { type ExamEnv, sessionContext } from './env.js'
import { EXAM, isExamStream, isSessionStream, SESSION } from './streams.js'

/** A fact of the exam flows: an event of a sitting, a session, or a wallet's answer to a fee. */
export type ExamFact = ExamEvent | SessionEvent | WalletEvent

/** SCO-5: after an expert review, re-score the sitting (the work needs the results view, so it is an action). */
export type RescoreAction = {
  readonly to: 'rescore'
  readonly examId: string
  readonly reviewId: string
  readonly commandId: string
}

export type ExamAction = ExamProcessCommand | RescoreAction

const PROCESS_RETRIES = 25

/**
 * Every exam process in one reaction (pure): registration (seat → fee →
 * confirmation, or refusal → seat released), annulment (one decision → each
 * session), re-score (review → sessions). Command ids derive from the trigger.
 */
export const reactToExamFact = (event: ExamFact): readonly ExamAction[] => {
  if (event.type === 'FeeChargeDeclined')
    // The wallet's recorded "no" (WAL-3): the registration is refused and its refusal frees the seat.
    return registrationChargeRefused(
      { ...event, type: 'ChargeFee' },
      {
        // The reason is stored as text; every decline the wallet records carries one of its codes.
        code: isDomainErrorCode(event.reason) ? event.reason : 'session.registration_refused',
        message: 'The fee could not be charged.',
      },
    )
  if (event.type === 'ExpertReviewRecorded')
    return [
      {
        to: 'rescore',
        examId: event.examId,
        reviewId: event.review.reviewId,
        commandId: `rescore:${event.review.reviewId}`,
      },
    ]
  if (event.type === 'AnnulmentDecided') return annulmentProcess(event)
  return registrationProcess(event as Parameters<typeof registrationProcess>[0])
}

const SESSION_TRIGGERS = new Set(['RegistrationRequested', 'SeatAssigned', 'RegistrationRefused'])
const EXAM_TRIGGERS = new Set([
  'SeatAllocated',
  'SeatAllocationDeclined',
  'ExpertReviewRecorded',
  'AnnulmentDecided',
])
const WALLET_TRIGGERS = new Set(['FeeCharged', 'FeeChargeDeclined'])

/** The exam fact a stored event is, if any process reacts to it; nothing else is decoded. */
export const examFactOf = (recorded: RecordedEvent): ExamFact | undefined => {
  const { streamId, type } = recorded
  if (SESSION_TRIGGERS.has(type) && isSessionStream(streamId)) return decodeRecorded(SESSION.codec, recorded)
  if (EXAM_TRIGGERS.has(type) && isExamStream(streamId)) return decodeRecorded(EXAM.codec, recorded)
  if (WALLET_TRIGGERS.has(type) && streamId.startsWith(WALLET_PREFIX))
    return decodeRecorded(WALLET.codec, recorded)
  return undefined
}

export const isExamAction = (action: { readonly to: string }): action is ExamAction =>
  action.to === 'exam' || action.to === 'session' || action.to === 'rescore'

type Outcome = E.Either<{ readonly code: string }, { readonly events: readonly unknown[] }>

/** A refusal is a final answer (logged, never retried); contention is thrown so the step is retried. */
const settled = (x: ExamEnv, step: string, outcome: Outcome): readonly ExamFact[] => {
  if (E.isRight(outcome)) return outcome.right.events as readonly ExamFact[]
  if (outcome.left.code === 'command.concurrency_exhausted') throw new ProcessStepDeferredError(step)
  x.env.logger?.warn({ step, refusal: outcome.left.code }, 'process step refused')
  return []
}

export type Rescorer = (examId: string, reviewId: string, causationId?: string) => Promise<number>

/**
 * Carries out one exam action with its derived id and returns the facts it
 * recorded (for a repeat: none, or for the wallet the answer it gave first).
 */
export const dispatchExam = async (
  x: ExamEnv,
  rescore: Rescorer,
  action: ExamAction,
  causationId?: string,
): Promise<readonly ExamFact[]> => {
  const eventContext = { principal: 'system:process', ...(causationId === undefined ? {} : { causationId }) }
  const common = { commandId: action.commandId, eventContext, maxRetries: PROCESS_RETRIES }
  switch (action.to) {
    case 'rescore':
      await rescore(action.examId, action.reviewId, causationId)
      return []
    case 'wallet': {
      const facts = await dispatchApp(x.env, action as ToWallet, {
        answers: true,
        ...(causationId === undefined ? {} : { causationId }),
      })
      return facts.flatMap((fact) => (fact.kind === 'wallet' ? [fact.event] : []))
    }
    case 'exam': {
      const openSessions = await openSessionsOf(x, action.command)
      const context = {
        now: x.env.clock.now(),
        blueprint: x.blueprint,
        ...(openSessions === undefined ? {} : { openSessions }),
      }
      const outcome = await x.exams.run(action.streamId, { ...common, command: action.command, context })
      return settled(x, action.command.type, outcome)
    }
    case 'session': {
      const context = await sessionContext(x, examIdOfSession(action.streamId))
      if (E.isLeft(context)) return settled(x, action.command.type, context)
      const outcome = await x.sessions.run(action.streamId, {
        ...common,
        command: action.command,
        context: context.right,
      })
      return settled(x, action.command.type, outcome)
    }
  }
}

/** Publication waits for every session of the sitting to end (APL-1); only it needs the count. */
const openSessionsOf = async (x: ExamEnv, command: { readonly type: string; readonly examId?: string }) => {
  if (command.type !== 'PublishResults' || command.examId === undefined) return undefined
  await x.results.catchUp()
  return openSessions(x.results.results(command.examId)).length
}

/** A safety bound: a registration settles in at most six steps. */
const MAX_STEPS = 64

/**
 * Runs the processes set going by `facts` to the end, right now, so the
 * caller sees the settled outcome (the slip, the refusal). A failure stops
 * the drive; the process runner over the log finishes the work with the same
 * derived ids, so nothing is done twice.
 */
export const driveExam = async (x: ExamEnv, rescore: Rescorer, facts: readonly ExamFact[]): Promise<void> => {
  const queue = facts.flatMap(reactToExamFact)
  try {
    for (let step = 0; step < MAX_STEPS && queue.length > 0; step++) {
      const action = queue.shift() as ExamAction
      for (const fact of await dispatchExam(x, rescore, action)) queue.push(...reactToExamFact(fact))
    }
  } catch (error) {
    const name = error instanceof Error ? error.name : typeof error
    x.env.logger?.warn({ error: name }, 'settling stopped early; the process runner will finish it')
  }
}
