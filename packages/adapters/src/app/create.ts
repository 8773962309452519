import type { ProcessCommand } from '@imtahan/domain'
import { type Appeals, createAppeals } from '../appeal/create.js'
import { lazyShippedCalendar } from '../appeal/env.js'
import { MalformedEventError } from '../command/codec.js'
import { createExams, type Exams } from '../exam/create.js'
import { type ExamAction, isExamAction } from '../exam/processes.js'
import { type CheckpointStore, createMemoryCheckpointStore } from '../runner/checkpoints.js'
import { catchUpProcess, type DispatchContext, runProcess } from '../runner/process.js'
import type { RecordedEvent, Subscription } from '../store/port.js'
import { accountUseCases } from './accounts.js'
import type { Imtahan } from './api.js'
import { cabinetUseCases } from './cabinets.js'
import type { ImtahanDeps } from './deps.js'
import { createEnv, type Env } from './env.js'
import { paymentUseCases } from './payments.js'
import { dispatch, factOf, react } from './processes.js'
import { createUnclaimedPaymentsView, serialised } from './views.js'

export const PROCESS_RUNNER_NAME = 'imtahan.processes'

/** Passes over the log until one finds nothing new; each pass's steps append what the next one reacts to. */
const MAX_SETTLE_PASSES = 100
const MAX_SETTLE_FAILURES = 3
/** A live runner whose step failed ends (see pollingSubscription); it is started again after this pause. */
const RESTART_AFTER_MS = 250

const processOptions = (
  env: Env,
  checkpoints: NonNullable<ImtahanDeps['checkpoints']>,
  exams: Exams,
  appeals: Appeals,
) => ({
  store: env.store,
  checkpoints,
  name: PROCESS_RUNNER_NAME,
  react: (event: RecordedEvent): readonly (ProcessCommand | ExamAction)[] => {
    const fact = factOf(event)
    // Appeal reactions are session commands (APL-4/5 → re-score), so the exam part delivers them.
    return [...(fact === undefined ? [] : react(fact)), ...exams.react(event), ...appeals.react(event)]
  },
  dispatch: async (command: ProcessCommand | ExamAction, context: DispatchContext) =>
    isExamAction(command)
      ? exams.dispatch(command, context.event.id)
      : void (await dispatch(env, command, { causationId: context.event.id, answers: false })),
})

type ProcessRunnerOptions = ReturnType<typeof processOptions>

/**
 * The live process runner, restarted from its checkpoint after a failed step
 * (the store dropped a connection, too much contention, the checkpoint could
 * not be saved): the failed event was not checkpointed, so the restart does
 * it again, with the same derived ids. An event that does not decode is not
 * passing: restarting would meet it again for ever, and skipping it would
 * lose money, so the runner stays stopped and says where (see `onError`).
 */
const followProcesses = async (
  options: ProcessRunnerOptions,
  onError: (error: unknown) => void,
): Promise<Subscription> => {
  let current: Subscription | undefined
  let stopped = false
  let timer: ReturnType<typeof setTimeout> | undefined
  const restartAfter =
    <A extends unknown[]>(step: (...args: A) => Promise<void>) =>
    async (...args: A): Promise<void> => {
      try {
        await step(...args)
      } catch (error) {
        if (!stopped && !(error instanceof MalformedEventError))
          timer = setTimeout(() => launch().catch(onError), RESTART_AFTER_MS)
        throw error
      }
    }
  const checkpoints: CheckpointStore = {
    load: (name) => options.checkpoints.load(name),
    save: restartAfter((name, position) => options.checkpoints.save(name, position)),
  }
  const launch = async (): Promise<void> => {
    if (stopped) return
    current = await runProcess({ ...options, checkpoints, onError, dispatch: restartAfter(options.dispatch) })
  }
  await launch()
  return {
    stop: async () => {
      stopped = true
      clearTimeout(timer)
      await current?.stop()
    },
  }
}

/**
 * What an operator needs to find a stopped runner's cause: the error's name,
 * and for an undecodable event its stream, revision and type — never the
 * codec's problems, which may quote a value (a FIN, a phone number).
 */
const failureOf = (error: unknown) =>
  error instanceof MalformedEventError
    ? {
        error: error.name,
        streamId: error.streamId,
        revision: error.revision.toString(),
        eventType: error.eventType,
      }
    : { error: error instanceof Error ? error.name : typeof error }

/**
 * The application: cabinet, account and payment use cases over one event
 * store. Cross-stream processes (cabinet completed → open wallet, payment
 * credited → top-up, the transfer's steps) run right after the command that
 * sets them going, and again from the process runner over the global log
 * (`settle()` once, `start()` live), with the same derived command ids, so a
 * crash between two steps is healed and nothing is done twice.
 */
export const createImtahan = (deps: ImtahanDeps): Imtahan => {
  const env = createEnv(deps)
  // Publication (CAL-3) checks with the calendar the appeals (APL-2) count with: the one passed in, or the shipped files.
  const given = deps.calendar
  const calendar = given === undefined ? lazyShippedCalendar() : async () => given
  const businessDays = deps.appeals?.businessDays
  const exams = createExams(env, {
    ...deps.exam,
    appealCalendar: async () => ({
      calendar: await calendar(),
      ...(businessDays === undefined ? {} : { businessDays }),
    }),
  })
  const appeals = createAppeals(env, (action, causationId) => exams.dispatch(action, causationId), {
    ...deps.appeals,
    ...(deps.exam?.blueprint === undefined ? {} : { blueprint: deps.exam.blueprint }),
    ...(given === undefined ? {} : { calendar: given }),
  })
  const process = processOptions(env, deps.checkpoints ?? createMemoryCheckpointStore(), exams, appeals)
  const unclaimed = createUnclaimedPaymentsView(deps.store)
  const exclusive = serialised()
  let running: Subscription[] = []

  const settlePass = async (): Promise<number> => (await catchUpProcess(process)).processed

  const settle = () =>
    exclusive(async () => {
      let failures = 0
      for (let pass = 0; pass < MAX_SETTLE_PASSES; pass++) {
        try {
          if ((await settlePass()) === 0) break
        } catch (error) {
          // Contention or a passing store failure: the checkpoint is before the failed event, so try again.
          // An undecodable event is no passing failure: trying again would only meet it again.
          if (error instanceof MalformedEventError || ++failures >= MAX_SETTLE_FAILURES) throw error
        }
      }
      await unclaimed.catchUp()
      await exams.catchUp()
      await appeals.catchUp()
    })

  const onError = (what: string) => (error: unknown) =>
    deps.logger?.error(
      failureOf(error),
      error instanceof MalformedEventError
        ? `${what} stopped: an event in the log does not decode; run imtahan audit`
        : `${what} stopped`,
    )

  return {
    cabinets: cabinetUseCases(env),
    accounts: accountUseCases(env, unclaimed),
    payments: paymentUseCases(env),
    exams: exams.useCases,
    appeals: appeals.useCases,
    settle,
    start: async () => {
      if (running.length > 0) return
      running = [
        await followProcesses(process, onError('process runner')),
        await unclaimed.follow(onError('unclaimed payments view')),
      ]
      await exams.start(onError('exam results view'))
      await appeals.start(onError('appeals view'))
    },
    stop: async () => {
      const stopping = running
      running = []
      await Promise.all([
        ...stopping.map((subscription) => subscription.stop()),
        exams.stop(),
        appeals.stop(),
      ])
    },
  }
}
