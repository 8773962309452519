import type { Clock } from '../ports/clock.js'
import { appendOptimistically, snapshotOfEvents } from './optimistic-append.js'
import { appendManyOptimistically, type ChainedWrite } from './optimistic-append-many.js'
import { createWaker, type PollingConfig, pollingSubscription } from './polling-subscription.js'
import { comparePositions, type EventStore, type ReadAllOptions, type RecordedEvent, START } from './port.js'
import { selectFromStream } from './read-window.js'

export type MemoryEventStoreOptions = {
  /** Stamps `recordedAt`; default real time. */
  readonly clock?: Clock
  readonly polling?: PollingConfig
}

const deepFreeze = <T>(value: T): T => {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const member of Object.values(value)) deepFreeze(member)
    Object.freeze(value)
  }
  return value
}

/**
 * Everything in one process's memory: for tests and pure demos. Positions
 * are the index in the log (`commit` = `prepare`). Data is copied through JSON
 * and frozen, so neither the writer nor a reader can change what is stored.
 */
export const createMemoryEventStore = (options: MemoryEventStoreOptions = {}): EventStore => {
  const clock = options.clock ?? { now: () => new Date() }
  const log: RecordedEvent[] = []
  const streams = new Map<string, RecordedEvent[]>()
  /** Per stream, its events by (lower-case) id: the duplicate check must not scan the stream. */
  const byId = new Map<string, Map<string, RecordedEvent>>()
  const waker = createWaker()

  const readAll = async (readOptions: ReadAllOptions = {}): Promise<readonly RecordedEvent[]> => {
    const after = readOptions.after ?? START
    const start = after.commit < 0n ? 0 : Number(after.commit) + 1
    const maxCount = readOptions.maxCount ?? Number.POSITIVE_INFINITY
    return log.slice(start, start + maxCount).filter((event) => comparePositions(event.position, after) > 0)
  }

  const snapshot = (streamId: string, ids: readonly string[]) => {
    const stream = streams.get(streamId) ?? []
    const index = byId.get(streamId)
    return snapshotOfEvents(stream.at(-1), ids, (id) => index?.get(id))
  }

  /** Synchronous from the check to the last push: nothing can interleave. */
  const writeNow = ({ streamId, events: chained, head }: ChainedWrite) => {
    const stream = streams.get(streamId) ?? []
    if ((stream.at(-1)?.revision ?? 'no_stream') !== head) return 'lost_race'
    const index = byId.get(streamId) ?? new Map<string, RecordedEvent>()
    for (const event of chained) {
      const at = BigInt(log.length)
      const { dataJson, ...rest } = event
      const data = JSON.parse(dataJson) as Record<string, unknown>
      const recorded: RecordedEvent = deepFreeze({
        ...rest,
        data,
        streamId,
        position: { commit: at, prepare: at },
      })
      log.push(recorded)
      stream.push(recorded)
      index.set(recorded.id, recorded)
    }
    streams.set(streamId, stream)
    byId.set(streamId, index)
    waker.notify()
    return stream.at(-1)!.position
  }

  return {
    name: 'memory',
    readStream: async (streamId, readOptions = {}) =>
      selectFromStream(streams.get(streamId) ?? [], readOptions),
    readStreams: async (reads) =>
      new Map(
        reads.map(({ streamId, fromRevision }) => [
          streamId,
          selectFromStream(streams.get(streamId) ?? [], fromRevision === undefined ? {} : { fromRevision }),
        ]),
      ),

    appendToStream: (streamId, events, expected, context) =>
      appendOptimistically(streamId, events, expected, context, clock, {
        snapshot: async (ids) => snapshot(streamId, ids),
        write: async (events, head) => writeNow({ streamId, events, head }),
      }),
    // Every accepted stream is written in one synchronous run: one "transaction".
    appendToStreams: (appends, context) =>
      appendManyOptimistically(appends, context, clock, {
        snapshots: async (wanted) =>
          new Map(wanted.map(({ streamId, ids }) => [streamId, snapshot(streamId, ids)])),
        writeMany: async (writes) => writes.map(writeNow),
      }),

    readAll,
    subscribeToAll: (subscribeOptions) =>
      pollingSubscription(readAll, subscribeOptions, waker, options.polling),
    close: async () => {},
  }
}
