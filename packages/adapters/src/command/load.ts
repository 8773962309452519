import { type Decider, fold } from '@imtahan/domain'
import type { EventStore, RecordedEvent } from '../store/port.js'
import { decodeRecorded, type EventCodec } from './codec.js'
import type { StreamRevision } from './revision.js'
import type { CachedState, StateCache } from './state-cache.js'

export type { StreamRevision }

export type LoadedStream<Event, State> = {
  readonly state: State
  readonly revision: StreamRevision
  readonly events: readonly Event[]
  readonly recorded: readonly RecordedEvent[]
}

type Folding<Event, State> = Pick<Decider<unknown, Event, State, never>, 'initialState' | 'evolve'>

/**
 * Reads a whole stream, decodes every event (a malformed one throws
 * `MalformedEventError`, it is never skipped: a state folded from part of a
 * history would be a wrong state) and folds it.
 */
export const loadStream = async <Event, State>(
  store: EventStore,
  decider: Folding<Event, State>,
  codec: EventCodec<Event>,
  streamId: string,
): Promise<LoadedStream<Event, State>> => {
  const recorded = await store.readStream(streamId)
  const events = recorded.map((event) => decodeRecorded(codec, event))
  const last = recorded[recorded.length - 1]
  return { state: fold(decider, events), revision: last?.revision ?? 'no_stream', events, recorded }
}

const nextRevision = (revision: StreamRevision): bigint | 'start' =>
  revision === 'no_stream' ? 'start' : revision + 1n

/** A stream's state brought up to date from its cached entry: only what was appended since is read. */
export const loadCachedState = async <Event, State>(
  store: EventStore,
  decider: Folding<Event, State>,
  codec: EventCodec<Event>,
  streamId: string,
  cache: StateCache<State>,
): Promise<CachedState<State>> => {
  const cached = cache.get(streamId) ?? { state: decider.initialState, revision: 'no_stream' as const }
  const recorded = await store.readStream(streamId, { fromRevision: nextRevision(cached.revision) })
  return foldIntoCache(decider, codec, streamId, cache, cached, recorded)
}

/**
 * `entry` with `recorded` — the events right after it, as the caller has
 * checked — decoded and folded in, and kept in the cache; `entry` itself
 * when there are none. Whether they were read, handed over by a refused
 * write or followed from the log, this is the one way a cached state moves.
 */
export const foldIntoCache = <Event, State>(
  decider: Folding<Event, State>,
  codec: EventCodec<Event>,
  streamId: string,
  cache: StateCache<State>,
  entry: CachedState<State>,
  recorded: readonly RecordedEvent[],
): CachedState<State> => {
  const last = recorded.at(-1)
  if (last === undefined) return entry
  let state = entry.state
  for (const event of recorded) state = decider.evolve(state, decodeRecorded(codec, event))
  const moved = { state, revision: last.revision }
  cache.set(streamId, moved)
  return moved
}
