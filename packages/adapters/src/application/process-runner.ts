import { MalformedEventError } from '../command/codec.js'
import type { CheckpointStore } from '../runner/checkpoints.js'
import { catchUpProcess, runProcess } from '../runner/process.js'
import type { EventStore, Subscription } from '../store/port.js'
import type { ProcessRegistry } from './shared/process-registry.js'

export const PROCESS_RUNNER_NAME = 'imtahan.processes'

/** Passes over the log until one finds nothing new; each pass's steps append what the next one reacts to. */
const MAX_SETTLE_PASSES = 100
const MAX_SETTLE_FAILURES = 3
/** A live runner whose step failed ends (see pollingSubscription); it is started again after this pause. */
const RESTART_AFTER_MS = 250

const processOptions = (store: EventStore, registry: ProcessRegistry, checkpoints: CheckpointStore) => ({
  store,
  checkpoints,
  name: PROCESS_RUNNER_NAME,
  react: registry.react,
  dispatch: registry.dispatch,
})

type ProcessRunnerOptions = ReturnType<typeof processOptions>

/**
 * The one runner of every process, over the global log: `settle()` catches
 * up (tests, crash recovery), `follow()` runs live. Each reacts with the
 * same registry and derived ids as a use case following through at once, so
 * a crash between two steps is healed and nothing is done twice.
 */
export const createProcessRunner = (
  store: EventStore,
  registry: ProcessRegistry,
  checkpoints: CheckpointStore,
) => {
  const options = processOptions(store, registry, checkpoints)
  return {
    settle: async (): Promise<void> => {
      let failures = 0
      for (let pass = 0; pass < MAX_SETTLE_PASSES; pass++) {
        try {
          if ((await catchUpProcess(options)).processed === 0) return
        } catch (error) {
          // Contention or a passing store failure: the checkpoint is before the failed event, so try again.
          // An undecodable event is no passing failure: trying again would only meet it again.
          if (error instanceof MalformedEventError || ++failures >= MAX_SETTLE_FAILURES) throw error
        }
      }
    },
    follow: (onError: (error: unknown) => void) => followProcesses(options, onError),
  }
}

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
export const failureOf = (error: unknown) =>
  error instanceof MalformedEventError
    ? {
        error: error.name,
        streamId: error.streamId,
        revision: error.revision.toString(),
        eventType: error.eventType,
      }
    : { error: error instanceof Error ? error.name : typeof error }
