import { type Decider, fold } from '@imtahan/domain'
import type { EventStore, RecordedEvent } from '../store/port.js'
import { decodeRecorded, type EventCodec } from './codec.js'

/** Where a stream stands: `'no_stream'` before its first event, else its last revision. */
export type StreamRevision = bigint | 'no_stream'

export type LoadedStream<Event, State> = {
  readonly state: State
  readonly revision: StreamRevision
  readonly events: readonly Event[]
  readonly recorded: readonly RecordedEvent[]
}

/**
 * Reads a whole stream, decodes every event (a malformed one throws
 * `MalformedEventError`, it is never skipped: a state folded from part of a
 * history would be a wrong state) and folds it.
 */
export const loadStream = async <Event, State>(
  store: EventStore,
  decider: Pick<Decider<unknown, Event, State, never>, 'initialState' | 'evolve'>,
  codec: EventCodec<Event>,
  streamId: string,
): Promise<LoadedStream<Event, State>> => {
  const recorded = await store.readStream(streamId)
  const events = recorded.map((event) => decodeRecorded(codec, event))
  const last = recorded[recorded.length - 1]
  return { state: fold(decider, events), revision: last?.revision ?? 'no_stream', events, recorded }
}
