import type { ExamProcessCommand, ProcessCommand } from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import type { Logger } from '../../logging.js'
import type { DispatchContext } from '../../runner/process.js'
import type { RecordedEvent } from '../../store/port.js'
import { systemCall } from './caller.js'
import type { Result } from './result.js'
import { type ApplicationEvent, decodeByStream } from './streams.js'

/** SCO-5: after an expert review, re-score the sitting (the work needs the results view, so it is a step of its own). */
export type RescoreStep = {
  readonly to: 'rescore'
  readonly examId: string
  readonly reviewId: string
  readonly commandId: string
}

/** One command a process calls for, addressed to a stream kind, with an id derived from its trigger. */
export type ProcessStep = ProcessCommand | ExamProcessCommand | RescoreStep

/**
 * A cross-aggregate process (SPEC: WAL-1 wallet opening, PAY-4 top-up, WAL-5
 * transfer, EXM-10 fee, EXM-21 annulment, SCO-5 re-score, APL-4/5 appeals):
 * the event types that set it going and the pure reaction of the domain.
 */
export type ProcessDefinition = {
  readonly name: string
  /** Only these event types are decoded by the runner; the rest of the log is skipped unread. */
  readonly triggers: ReadonlySet<string>
  readonly stepsFor: (event: ApplicationEvent) => readonly ProcessStep[]
}

export type StepOptions = {
  readonly causationId?: string
  /** Whether the events answering the step are wanted (to follow them through now); the runner needs none. */
  readonly answers: boolean
}

/** Carries out one kind of step: the events it recorded (or, repeated, the ones that answered it first). */
export type StepRunner<Step> = (step: Step, options: StepOptions) => Result<readonly ApplicationEvent[]>

export type StepRunners = { readonly [To in ProcessStep['to']]: StepRunner<Extract<ProcessStep, { to: To }>> }

/** Retries of a process step under contention before it is deferred to the runner. */
const PROCESS_RETRIES = 25

/** How every step is recorded: by the process (`system:process`), with its derived id, after its trigger. */
export const stepCommandOptions = (commandId: string, options: StepOptions) => ({
  call: systemCall('process'),
  commandId,
  maxRetries: PROCESS_RETRIES,
  ...(options.causationId === undefined ? {} : { causationId: options.causationId }),
})

/** A step the store could not settle yet (too much contention): retried later, never dropped. */
export class ProcessStepDeferredError extends Error {
  constructor(readonly step: string) {
    super(`A ${step} step met too many concurrent writers; it will be retried`)
    this.name = 'ProcessStepDeferredError'
  }
}

/** A step a follow-through ran, with the events that answered it. */
export type FollowedStep = { readonly step: ProcessStep; readonly events: readonly ApplicationEvent[] }

export type FollowThrough = {
  readonly steps: readonly FollowedStep[]
  readonly stopped?: 'deferred' | 'failed'
}

/** What use cases need of the processes: follow a command's events through, or run one step. */
export type FollowUps = {
  /**
   * Runs the processes set going by `events` to the end, right now, so the
   * caller sees the settled result. A failure (crash, store down) stops it;
   * the process runner over the log finishes the work with the same derived
   * ids, so nothing is done twice. Answers the steps it ran, in order.
   */
  readonly runFollowUps: (events: readonly ApplicationEvent[]) => Promise<readonly FollowedStep[]>
  /**
   * The same, also saying why it stopped early, if it did: `deferred` when a
   * step met contention (trying again soon may settle it), `failed` when a
   * step threw (a crash or a store failure: the process runner finishes it).
   */
  readonly followThrough: (events: readonly ApplicationEvent[]) => Promise<FollowThrough>
  /** One step with its derived id; a refusal is logged and answered with no events, contention is thrown. */
  readonly runStep: (step: ProcessStep, options: StepOptions) => Promise<readonly ApplicationEvent[]>
}

export type ProcessRegistry = FollowUps & {
  /** For the process runner: the steps a stored event calls for (nothing is decoded for other types). */
  readonly react: (recorded: RecordedEvent) => readonly ProcessStep[]
  readonly dispatch: (step: ProcessStep, context: DispatchContext) => Promise<void>
}

const stepName = (step: ProcessStep): string => (step.to === 'rescore' ? 'Rescore' : step.command.type)

/** A safety bound: a registration settles in at most six steps, a transfer in five. */
const MAX_FOLLOW_UPS = 64

/** Every process of the application, run the same way whether a use case follows through now or the runner later. */
export const createProcessRegistry = (
  processes: readonly ProcessDefinition[],
  runners: StepRunners,
  logger: Logger | undefined,
): ProcessRegistry => {
  const triggers = new Set(processes.flatMap((process) => [...process.triggers]))
  const stepsFor = (event: ApplicationEvent): readonly ProcessStep[] =>
    processes.flatMap((process) => (process.triggers.has(event.type) ? process.stepsFor(event) : []))

  const runStep: FollowUps['runStep'] = async (step, options) => {
    const outcome = await (runners[step.to] as StepRunner<ProcessStep>)(step, options)
    if (E.isRight(outcome)) return outcome.right
    if (outcome.left.code === 'command.concurrency_exhausted')
      throw new ProcessStepDeferredError(stepName(step))
    logger?.warn({ step: stepName(step), refusal: outcome.left.code }, 'process step refused')
    return []
  }

  const followThrough: FollowUps['followThrough'] = async (events) => {
    const queue = events.flatMap(stepsFor)
    const followed: FollowedStep[] = []
    try {
      while (followed.length < MAX_FOLLOW_UPS && queue.length > 0) {
        const step = queue.shift() as ProcessStep
        const answered = await runStep(step, { answers: true })
        followed.push({ step, events: answered })
        for (const event of answered) queue.push(...stepsFor(event))
      }
    } catch (error) {
      const name = error instanceof Error ? error.name : typeof error
      logger?.warn({ error: name }, 'settling stopped early; the process runner will finish it')
      return { steps: followed, stopped: error instanceof ProcessStepDeferredError ? 'deferred' : 'failed' }
    }
    return { steps: followed }
  }
  const runFollowUps: FollowUps['runFollowUps'] = async (events) => (await followThrough(events)).steps

  return {
    runFollowUps,
    followThrough,
    runStep,
    react: (recorded) => {
      if (!triggers.has(recorded.type)) return []
      const event = decodeByStream(recorded)
      return event === undefined ? [] : stepsFor(event)
    },
    dispatch: async (step, context) =>
      void (await runStep(step, { causationId: context.event.id, answers: false })),
  }
}
