import { deterministicUuid, IMTAHAN_NAMESPACE } from '../ids.js'
import type { EventStore, RecordedEvent, Subscription } from '../store/port.js'
import type { CheckpointStore } from './checkpoints.js'
import { type CatchUpResult, catchUp, type EventHandler, follow } from './run.js'

/** What a dispatcher is told besides the action: the trigger and an id derived from it. */
export type DispatchContext = {
  readonly event: RecordedEvent
  /**
   * v5 UUID of (triggering event id, action index): the same on every
   * re-delivery, so a dispatcher that passes it as the command id makes a
   * repeated dispatch a no-op.
   */
  readonly commandId: string
}

/**
 * A cross-aggregate process (transfer, registration fee, re-score): for each
 * event, `react` computes the follow-up actions (pure), `dispatch` carries each
 * one out idempotently, and only then the checkpoint moves. A crash after
 * dispatching but before checkpointing re-dispatches on restart; the derived
 * ids make that harmless.
 */
export type ProcessOptions<Action> = {
  readonly store: EventStore
  readonly checkpoints: CheckpointStore
  readonly name: string
  readonly react: (event: RecordedEvent) => readonly Action[]
  readonly dispatch: (action: Action, context: DispatchContext) => Promise<void>
}

export const followUpId = (event: RecordedEvent, index: number): string =>
  deterministicUuid(IMTAHAN_NAMESPACE, `${event.id}\nfollow-up\n${index}`)

const processHandler =
  <Action>({ react, dispatch }: ProcessOptions<Action>): EventHandler =>
  async (event) => {
    const actions = react(event)
    if (actions.length === 0) return 'ignored'
    for (const [index, action] of actions.entries())
      await dispatch(action, { event, commandId: followUpId(event, index) })
  }

const asRunner = <Action>(options: ProcessOptions<Action>) => ({
  store: options.store,
  checkpoints: options.checkpoints,
  name: options.name,
  handle: processHandler(options),
})

/** Follows the log live until the returned subscription is stopped. */
export const runProcess = <Action>(
  options: ProcessOptions<Action> & { readonly onError?: (error: unknown) => void },
): Promise<Subscription> =>
  follow({ ...asRunner(options), ...(options.onError === undefined ? {} : { onError: options.onError }) })

/** Reacts to everything up to the end of the log as it is now, then returns. */
export const catchUpProcess = <Action>(options: ProcessOptions<Action>): Promise<CatchUpResult> =>
  catchUp(asRunner(options))
