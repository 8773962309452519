import type { DomainError } from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import type { Aggregate } from '../application/shared/streams.js'
import {
  DuplicateEventIdError,
  type EventContext,
  type EventStore,
  type NewEvent,
  WrongExpectedVersionError,
} from '../store/port.js'
import { decodeRecorded, encodeEvent } from './codec.js'
import { type CommandResult, concurrencyExhausted, defaultEventIdFor } from './handle.js'
import type { StreamRevision } from './load.js'

export type Entry<State> = { readonly state: State; readonly revision: StreamRevision }

export type CachedRun<Command, State, Context> = {
  readonly command: Command
  /** The context may depend on the state (e.g. the sitting a session belongs to). */
  readonly context: Context | ((state: State) => Context | Promise<Context>)
  readonly commandId?: string
  readonly eventContext?: EventContext
  readonly maxRetries?: number
}

export type CachedStreams<Command, Event, State, Context> = {
  /** The stream's state, brought up to date by reading only what was appended since the cached revision. */
  readonly load: (id: string) => Promise<Entry<State>>
  readonly run: (
    id: string,
    run: CachedRun<Command, State, Context>,
  ) => Promise<E.Either<DomainError, CommandResult<Event>>>
  /** The cached entry as it is, without reading the store (undefined when not cached). */
  readonly peek: (id: string) => Entry<State> | undefined
  /** Starts a stream's cache at a known place (e.g. a finished session folded from its end event). */
  readonly seed: (id: string, entry: Entry<State>) => void
}

const nextRevision = (revision: StreamRevision): bigint | 'start' =>
  revision === 'no_stream' ? 'start' : revision + 1n

/**
 * Command handling as `handleCommand` does it — decide, append with the
 * exact expected revision, re-decide on a conflict — but over a cache of
 * folded states, so a session with 150 answers is not read back for its
 * 151st. The cache is only an optimisation: the append's expected revision
 * is the authority, so a stale entry costs a conflict and a read of the
 * events after it, never a wrong write. Anything thrown (outcome unknown)
 * drops the entry.
 */
export const createCachedStreams = <Command, Event, State, Context>(
  store: EventStore,
  aggregate: Aggregate<Command, Event, State, Context>,
  maxEntries = 100_000,
): CachedStreams<Command, Event, State, Context> => {
  const cache = new Map<string, Entry<State>>()
  const { decider, codec } = aggregate

  const remember = (id: string, entry: Entry<State>) => {
    cache.delete(id)
    cache.set(id, entry)
    if (cache.size > maxEntries) cache.delete(cache.keys().next().value as string)
  }

  const load = async (id: string): Promise<Entry<State>> => {
    const cached = cache.get(id) ?? { state: decider.initialState, revision: 'no_stream' as const }
    const recorded = await store.readStream(aggregate.streamOf(id), {
      fromRevision: nextRevision(cached.revision),
    })
    if (recorded.length === 0) return cached
    let state = cached.state
    for (const event of recorded) state = decider.evolve(state, decodeRecorded(codec, event))
    const entry = { state, revision: (recorded[recorded.length - 1] as { revision: bigint }).revision }
    remember(id, entry)
    return entry
  }

  const run: CachedStreams<Command, Event, State, Context>['run'] = async (id, options) => {
    const streamId = aggregate.streamOf(id)
    const { command, commandId, maxRetries = 5 } = options
    let entry = cache.get(id) ?? (await load(id))
    for (let attempt = 0; attempt <= maxRetries; attempt++) {
      const context =
        typeof options.context === 'function'
          ? await (options.context as (state: State) => Context | Promise<Context>)(entry.state)
          : options.context
      const decision = decider.decide(command, entry.state, context)
      if (E.isLeft(decision)) return decision
      const events = decision.right
      if (events.length === 0) return E.right({ events, nextExpectedRevision: entry.revision })
      const newEvents: NewEvent[] = events.map((event, index) => ({
        id: defaultEventIdFor({
          streamId,
          revision: entry.revision,
          index,
          ...(commandId === undefined ? {} : { commandId }),
        }),
        ...encodeEvent(codec, event),
      }))
      try {
        const result = await store.appendToStream(streamId, newEvents, entry.revision, options.eventContext)
        remember(id, {
          state: events.reduce(decider.evolve, entry.state),
          revision: result.nextExpectedRevision,
        })
        return E.right({
          events,
          nextExpectedRevision: result.nextExpectedRevision,
          position: result.position,
        })
      } catch (error) {
        if (error instanceof WrongExpectedVersionError) {
          entry = await load(id)
          continue
        }
        cache.delete(id)
        if (error instanceof DuplicateEventIdError && commandId !== undefined) {
          const ids = new Set(newEvents.map((event) => event.id))
          const mine = (await store.readStream(streamId)).filter((event) => ids.has(event.id))
          const now = await load(id)
          return E.right({
            events: mine.map((event) => decodeRecorded(codec, event)),
            nextExpectedRevision: now.revision,
            replayed: true,
          })
        }
        throw error
      }
    }
    return E.left(concurrencyExhausted(streamId, maxRetries + 1))
  }

  return { load, run, peek: (id) => cache.get(id), seed: remember }
}
