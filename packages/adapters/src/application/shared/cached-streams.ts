import { type CommandResult, handleCommand } from '../../command/handle.js'
import { loadCachedState } from '../../command/load.js'
import { type CachedState, createStateCache } from '../../command/state-cache.js'
import type { EventStore } from '../../store/port.js'
import { type Call, eventContextOf } from './caller.js'
import type { Result } from './result.js'
import type { Aggregate } from './streams.js'

export type CachedCommand<Command, Context> = {
  readonly command: Command
  readonly context: Context
  readonly call: Call
  readonly causationId?: string
  readonly commandId?: string
  readonly maxRetries?: number
}

/**
 * One aggregate's streams with their folded states cached (a sitting read
 * by every answer, a session with 150 answers): `run` is `handleCommand`
 * with the cache passed in, `load` reads only what was appended since.
 */
export type CachedStreams<Command, Event, State, Context> = {
  readonly load: (id: string) => Promise<CachedState<State>>
  readonly run: (id: string, command: CachedCommand<Command, Context>) => Result<CommandResult<Event>>
  /** The cached entry as it is, without reading the store (undefined when not cached). */
  readonly peek: (id: string) => CachedState<State> | undefined
  /** Starts a stream's cache at a known place (e.g. a finished session folded from its end event). */
  readonly seed: (id: string, entry: CachedState<State>) => void
}

export const createCachedStreams = <Command, Event, State, Context>(
  store: EventStore,
  aggregate: Aggregate<Command, Event, State, Context>,
  maxEntries = 100_000,
): CachedStreams<Command, Event, State, Context> => {
  const cache = createStateCache<State>(maxEntries)
  const { decider, codec, streamOf } = aggregate
  return {
    load: (id) => loadCachedState(store, decider, codec, streamOf(id), cache),
    run: (id, { command, context, call, causationId, commandId, maxRetries }) =>
      handleCommand({
        store,
        decider,
        codec,
        streamId: streamOf(id),
        command,
        context,
        cache,
        eventContext: eventContextOf(call, causationId),
        ...(commandId === undefined ? {} : { commandId }),
        ...(maxRetries === undefined ? {} : { maxRetries }),
      }),
    peek: (id) => cache.get(streamOf(id)),
    seed: (id, entry) => cache.set(streamOf(id), entry),
  }
}
