import { EventStoreDBClient, excludeSystemEvents, jsonEvent } from '@eventstore/db-client'
import type { Clock } from '../../ports/clock.js'
import { appendToStreamsOneByOne, readStreamsOneByOne } from '../one-by-one.js'
import { type AppendSteps, appendOptimistically, snapshotOfEvents } from '../optimistic-append.js'
import {
  type EventStore,
  type ExpectedRevision,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  START,
  WrongExpectedVersionError,
} from '../port.js'
import {
  type EsdbRecordedEvent,
  fromEsdbCurrentRevision,
  fromEsdbRecordedEvent,
  isOurs,
  isStreamNotFound,
  isWrongExpectedVersion,
  toEsdbExpectedRevision,
  toEsdbReadPosition,
  toJsonSafe,
} from './mapping.js'
import { readAllPage } from './read-all.js'

export type EventStoreDbOptions = {
  /** e.g. `esdb://localhost:2113?tls=false` (TLS is on unless `tls=false`). */
  readonly connectionString: string
  /** Stamps `recordedAt`; default real time. */
  readonly clock?: Clock
}

const collect = async (read: AsyncIterable<{ event?: EsdbRecordedEvent | undefined }>) => {
  const events: EsdbRecordedEvent[] = []
  try {
    for await (const resolved of read) if (resolved.event) events.push(resolved.event)
  } catch (error) {
    if (!isStreamNotFound(error)) throw error
  }
  return events
}

/**
 * The event store on EventStoreDB (client v6). The server keeps order,
 * revisions and positions; we add the hash chain. To hash an event we need
 * the hash of the one before it, so an append first reads the stream (which
 * also lets us apply the port's duplicate-id rule, which the server checks
 * only at the expected place) and then appends with the exact revision it
 * read. If another writer slipped in between, the server refuses, and we read
 * again: the chain cannot fork. The read is the whole stream, so appends cost
 * grows with stream length — aggregate streams are short by design.
 */
export const createEventStoreDbStore = (options: EventStoreDbOptions): EventStore => {
  const client = EventStoreDBClient.connectionString(options.connectionString)
  const clock = options.clock ?? { now: () => new Date() }

  const readStream = async (streamId: string, readOptions: ReadStreamOptions = {}) => {
    const backwards = readOptions.direction === 'backwards'
    const events = await collect(
      client.readStream(streamId, {
        direction: backwards ? 'backwards' : 'forwards',
        fromRevision: readOptions.fromRevision ?? (backwards ? 'end' : 'start'),
        ...(readOptions.maxCount === undefined ? {} : { maxCount: readOptions.maxCount }),
      }),
    )
    return events.map((event) => fromEsdbRecordedEvent(event))
  }

  const steps = (streamId: string, expected: ExpectedRevision): AppendSteps => ({
    snapshot: async (ids) => {
      const stream = await readStream(streamId)
      const byId = new Map(stream.map((event) => [event.id.toLowerCase(), event]))
      return snapshotOfEvents(stream.at(-1), ids, (id) => byId.get(id))
    },
    write: async (chained, head) => {
      const events = chained.map((event) =>
        jsonEvent({
          id: event.id,
          type: event.type,
          data: JSON.parse(event.dataJson) as Record<string, unknown>,
          metadata: toJsonSafe(event.metadata) as object,
        }),
      )
      try {
        const result = await client.appendToStream(streamId, events, {
          expectedRevision: toEsdbExpectedRevision(head),
        })
        return result.position ?? START
      } catch (error) {
        if (!isWrongExpectedVersion(error)) throw error
        // We sent the head we read. For an exact expectation the server's answer is final;
        // for `any` / `stream_exists` someone slipped in and we look again.
        if (expected === 'any' || expected === 'stream_exists') return 'lost_race'
        throw new WrongExpectedVersionError(streamId, expected, fromEsdbCurrentRevision(error.actualVersion))
      }
    },
  })

  const readAll = (readOptions: ReadAllOptions = {}): Promise<readonly RecordedEvent[]> =>
    readAllPage((request) => client.readAll(request), readOptions)

  const appendToStream: EventStore['appendToStream'] = (streamId, events, expected, context) =>
    appendOptimistically(streamId, events, expected, context, clock, steps(streamId, expected))

  return {
    name: 'eventstoredb',
    readStream,
    // EventStoreDB reads one stream per call and has no multi-stream transaction: bounded parallel calls.
    readStreams: (reads) => readStreamsOneByOne({ readStream }, reads),
    appendToStream,
    appendToStreams: (appends, context) => appendToStreamsOneByOne({ appendToStream }, appends, context),
    readAll,
    subscribeToAll: (subscribeOptions) => {
      const after = subscribeOptions.after
      // Subscription starts are exclusive, like the port's checkpoints.
      const subscription = client.subscribeToAll({
        fromPosition: toEsdbReadPosition(after),
        filter: excludeSystemEvents(),
      })
      const report = subscribeOptions.onError ?? (() => {})
      const loop = (async () => {
        try {
          for await (const resolved of subscription) {
            const event = resolved.event as EsdbRecordedEvent | undefined
            if (!event || !isOurs(event)) continue
            await subscribeOptions.onEvent(fromEsdbRecordedEvent(event))
          }
        } catch (error) {
          report(error)
          await subscription.unsubscribe().catch(() => {})
        }
      })()
      return {
        stop: async () => {
          await subscription.unsubscribe()
          await loop
        },
      }
    },
    close: () => client.dispose(),
  }
}
