import type { ProcessCommand } from '@imtahan/domain'
import { createMemoryCheckpointStore } from '../runner/checkpoints.js'
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

const processOptions = (env: Env, checkpoints: NonNullable<ImtahanDeps['checkpoints']>) => ({
  store: env.store,
  checkpoints,
  name: PROCESS_RUNNER_NAME,
  react: (event: RecordedEvent) => {
    const fact = factOf(event)
    return fact === undefined ? [] : react(fact)
  },
  dispatch: async (command: ProcessCommand, context: DispatchContext) =>
    void (await dispatch(env, command, { causationId: context.event.id, answers: false })),
})

type ProcessRunnerOptions = ReturnType<typeof processOptions>

/**
 * The live process runner, restarted from its checkpoint after a failed step
 * (a crash of the store, too much contention): the failed event was not
 * checkpointed, so the restart does it again, with the same derived ids.
 */
const followProcesses = async (
  options: ProcessRunnerOptions,
  onError: (error: unknown) => void,
): Promise<Subscription> => {
  let current: Subscription | undefined
  let stopped = false
  let timer: ReturnType<typeof setTimeout> | undefined
  const launch = async (): Promise<void> => {
    if (stopped) return
    current = await runProcess({
      ...options,
      onError,
      dispatch: async (command, context) => {
        try {
          await options.dispatch(command, context)
        } catch (error) {
          if (!stopped) timer = setTimeout(() => launch().catch(onError), RESTART_AFTER_MS)
          throw error
        }
      },
    })
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
 * The application: cabinet, account and payment use cases over one event
 * store. Cross-stream processes (cabinet completed → open wallet, payment
 * credited → top-up, the transfer's steps) run right after the command that
 * sets them going, and again from the process runner over the global log
 * (`settle()` once, `start()` live), with the same derived command ids, so a
 * crash between two steps is healed and nothing is done twice.
 */
export const createImtahan = (deps: ImtahanDeps): Imtahan => {
  const env = createEnv(deps)
  const process = processOptions(env, deps.checkpoints ?? createMemoryCheckpointStore())
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
          if (++failures >= MAX_SETTLE_FAILURES) throw error
        }
      }
      await unclaimed.catchUp()
    })

  const onError = (what: string) => (error: unknown) =>
    deps.logger?.error({ error: error instanceof Error ? error.name : typeof error }, `${what} stopped`)

  return {
    cabinets: cabinetUseCases(env),
    accounts: accountUseCases(env, unclaimed),
    payments: paymentUseCases(env),
    settle,
    start: async () => {
      if (running.length > 0) return
      running = [
        await followProcesses(process, onError('process runner')),
        await unclaimed.follow(onError('unclaimed payments view')),
      ]
    },
    stop: async () => {
      const stopping = running
      running = []
      await Promise.all(stopping.map((subscription) => subscription.stop()))
    },
  }
}
