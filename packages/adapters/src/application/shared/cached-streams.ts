import { type CommandResult, handleCommand } from '../../command/handle.js'
import { foldIntoCache, loadCachedState } from '../../command/load.js'
import { type CachedState, createStateCache } from '../../command/state-cache.js'
import { nextRevision } from '../../store/append-rules.js'
import type { EventStore, RecordedEvent } from '../../store/port.js'
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
  /**
   * An event read from the global log (see cache-follower.ts): folded into
   * its stream's entry when it is the very next one; an entry it shows to be
   * further behind is dropped (the next command reads). Streams not cached
   * here, and events the entry holds already, are passed over undecoded.
   */
  readonly follow: (event: RecordedEvent) => void
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
    follow: (event) => {
      const entry = cache.get(event.streamId)
      if (entry === undefined || (entry.revision !== 'no_stream' && event.revision <= entry.revision)) return
      if (event.revision !== nextRevision(entry.revision)) return cache.delete(event.streamId)
      try {
        foldIntoCache(decider, codec, event.streamId, cache, entry, [event])
      } catch {
        // Undecodable: the command that next reads this stream reports it (MalformedEventError).
        cache.delete(event.streamId)
      }
    },
  }
}
