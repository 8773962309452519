import { type EventStore, START, type Subscription } from '../store/port.js'
import type { CheckpointStore } from './checkpoints.js'
import { type CatchUpResult, catchUp, type EventHandler, follow } from './run.js'

/**
 * A read model kept up to date from the global log. `project` may see an
 * event twice (after a crash between projecting and checkpointing), so it must
 * be idempotent — e.g. an upsert keyed by the event's id or stream revision.
 */
export type ProjectionOptions = {
  readonly store: EventStore
  readonly checkpoints: CheckpointStore
  readonly name: string
  readonly project: EventHandler
}

const asRunner = <O extends ProjectionOptions>({ project, ...rest }: O) => ({ ...rest, handle: project })

/** Follows the log live until the returned subscription is stopped. */
export const runProjection = (
  options: ProjectionOptions & { readonly onError?: (error: unknown) => void },
): Promise<Subscription> =>
  follow({ ...asRunner(options), ...(options.onError === undefined ? {} : { onError: options.onError }) })

/** Brings the projection up to the end of the log as it is now. */
export const catchUpProjection = (
  options: ProjectionOptions & { readonly batchSize?: number },
): Promise<CatchUpResult> => catchUp(asRunner(options))

/**
 * Empties the view (`reset`), moves the checkpoint back to the start and
 * replays the whole log: the audit's way to prove a view follows from events.
 */
export const rebuildProjection = async (
  options: ProjectionOptions & { readonly reset: () => Promise<void> },
): Promise<CatchUpResult> => {
  await options.reset()
  await options.checkpoints.save(options.name, START)
  return catchUp(asRunner(options))
}
