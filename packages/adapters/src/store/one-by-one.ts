import { checkStreamBatches } from './append-rules.js'
import {
  DuplicateEventIdError,
  type EventContext,
  type EventStore,
  type RecordedEvent,
  type StreamAppend,
  type StreamAppendOutcome,
  type StreamRead,
  WrongExpectedVersionError,
} from './port.js'

/** Streams read or appended at once by a store without multi-stream statements (EventStoreDB). */
export const DEFAULT_PARALLEL = 16

/** Runs `work` over `items` with at most `parallel` in flight, answers in the items' order. */
export const mapBounded = async <T, R>(
  items: readonly T[],
  parallel: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> => {
  const answers = new Array<R>(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      answers[index] = await work(items[index]!)
    }
  }
  await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, worker))
  return answers
}

/** `readStreams` as bounded parallel `readStream`s. */
export const readStreamsOneByOne = async (
  store: Pick<EventStore, 'readStream'>,
  reads: readonly StreamRead[],
  parallel = DEFAULT_PARALLEL,
): Promise<ReadonlyMap<string, readonly RecordedEvent[]>> => {
  const streams = await mapBounded(reads, parallel, ({ streamId, fromRevision }) =>
    store.readStream(streamId, fromRevision === undefined ? {} : { fromRevision }),
  )
  return new Map(reads.map(({ streamId }, index) => [streamId, streams[index]!]))
}

/**
 * `appendToStreams` as bounded parallel `appendToStream`s: no transaction
 * spans the streams, so a failure other than a per-stream refusal may leave
 * some appended and others not (each append is still whole). Callers retry
 * with the same event ids, which answers the ones that landed.
 */
export const appendToStreamsOneByOne = async (
  store: Pick<EventStore, 'appendToStream'>,
  appends: readonly StreamAppend[],
  context: EventContext | undefined,
  parallel = DEFAULT_PARALLEL,
): Promise<readonly StreamAppendOutcome[]> => {
  checkStreamBatches(appends)
  return mapBounded(
    appends,
    parallel,
    async ({ streamId, events, expected }): Promise<StreamAppendOutcome> => {
      try {
        return { streamId, ok: true, result: await store.appendToStream(streamId, events, expected, context) }
      } catch (error) {
        if (error instanceof WrongExpectedVersionError || error instanceof DuplicateEventIdError)
          return { streamId, ok: false, error }
        throw error
      }
    },
  )
}
