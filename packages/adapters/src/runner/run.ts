import type { EventStore, Position, RecordedEvent, Subscription } from '../store/port.js'
import type { CheckpointStore } from './checkpoints.js'

/**
 * Handles one event. `'ignored'` says it did nothing (no write anywhere), so
 * a live runner may save its position later, together with the next ones.
 */
// biome-ignore lint/suspicious/noConfusingVoidType: most handlers return nothing (Promise<void>); only a process runner says 'ignored'
export type EventHandler = (event: RecordedEvent) => Promise<void | 'ignored'>

/** A live runner saves the position of ignored events at the end of the log, or after this many of them. */
const IGNORED_SAVE_EVERY = 500

export type RunnerOptions = {
  readonly store: EventStore
  readonly checkpoints: CheckpointStore
  /** Names the checkpoint; two runners with one name would share (and fight over) it. */
  readonly name: string
  readonly handle: EventHandler
}

export type CatchUpResult = {
  readonly processed: number
  /** The last handled position, or where the runner already was; `undefined` on an empty log. */
  readonly position: Position | undefined
}

/**
 * Handles one event and only then saves its position. Dying between the two
 * means the event is handled again on restart (at-least-once), never lost.
 */
const handleThenSave =
  ({ checkpoints, name, handle }: Omit<RunnerOptions, 'store'>) =>
  async (event: RecordedEvent): Promise<void> => {
    await handle(event)
    await checkpoints.save(name, event.position)
  }

/**
 * One-shot: handles everything after the saved checkpoint up to the end of
 * the log as it is now, then returns. For tests, the CLI and rebuilds; a
 * thrown handler error stops it with the checkpoint before the failed event.
 */
export const catchUp = async (
  options: RunnerOptions & { readonly batchSize?: number },
): Promise<CatchUpResult> => {
  const { store, checkpoints, name, batchSize = 256 } = options
  const step = handleThenSave(options)
  let position = await checkpoints.load(name)
  let processed = 0
  for (;;) {
    const batch = await store.readAll({
      ...(position === undefined ? {} : { after: position }),
      maxCount: batchSize,
    })
    for (const event of batch) {
      await step(event)
      position = event.position
      processed += 1
    }
    // The port promises a short batch only at the end of the log (stores that filter, like
    // EventStoreDB's, read on until the batch is full). Reading on to an empty batch instead
    // would turn "the log as it is now" into "until the log is quiet" and re-handle a process's
    // own follow-ups in the same run.
    if (batch.length < batchSize) return { processed, position }
  }
}

/**
 * The live runner's step: an event that was acted on is checkpointed before
 * the next one is handled, as in `catchUp`; the position of ignored events
 * (most of the log, for a process runner: the answers) is saved every few
 * hundred of them and whenever the runner has read to the end of the log
 * (`onCaughtUp`). One committed write per event made a live runner crawl
 * (~130 events/s on the loaded 2-core machine); dying before a deferred
 * save only re-reads events that do nothing.
 */
const handleThenSaveLive = ({ checkpoints, name, handle }: Omit<RunnerOptions, 'store'>) => {
  let pending: Position | undefined
  let ignored = 0
  const save = async (position: Position) => {
    pending = undefined
    ignored = 0
    await checkpoints.save(name, position)
  }
  const savePending = async () => {
    if (pending !== undefined) await save(pending)
  }
  return {
    onEvent: async (event: RecordedEvent): Promise<void> => {
      if ((await handle(event)) !== 'ignored') return save(event.position)
      pending = event.position
      if (++ignored >= IGNORED_SAVE_EVERY) await savePending()
    },
    onCaughtUp: savePending,
  }
}

/** Live: catches up from the checkpoint, then follows new events until stopped. */
export const follow = async (
  options: RunnerOptions & { readonly onError?: (error: unknown) => void },
): Promise<Subscription> => {
  const after = await options.checkpoints.load(options.name)
  return options.store.subscribeToAll({
    ...(after === undefined ? {} : { after }),
    ...handleThenSaveLive(options),
    ...(options.onError === undefined ? {} : { onError: options.onError }),
  })
}
