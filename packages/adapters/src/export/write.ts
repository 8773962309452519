import type { ChainHead } from '../audit/check.js'
import { type EventLog, readWholeLog, readWholeStream } from '../audit/log.js'
import { headsDigest } from '../audit/report.js'
import { comparePositions, type RecordedEvent } from '../store/port.js'
import { toExportLine } from './ndjson.js'

export type ExportSummary = {
  readonly events: number
  readonly streams: number
  /** The same digest an audit of this export reports: write it down beside the file. */
  readonly digest: string
}

/**
 * The chosen streams merged into global order, so an export of a few streams
 * is audited like the whole log. They are held in memory to be merged: meant
 * for the streams of a case, not for most of the log.
 */
async function* chosenStreams(log: EventLog, streamIds: readonly string[]): AsyncGenerator<RecordedEvent> {
  const events: RecordedEvent[] = []
  for (const streamId of new Set(streamIds))
    for await (const event of readWholeStream(log, streamId)) events.push(event)
  yield* events.sort((a, b) => comparePositions(a.position, b.position))
}

/**
 * Writes the whole log (or the chosen streams) as NDJSON, one event a line,
 * in global order. `write` may return a promise to apply back-pressure.
 */
export const exportLog = async (
  log: EventLog,
  write: (chunk: string) => void | Promise<void>,
  options: { readonly streams?: readonly string[] } = {},
): Promise<ExportSummary> => {
  const heads = new Map<string, ChainHead>()
  let events = 0
  const source =
    options.streams === undefined || options.streams.length === 0
      ? readWholeLog(log)
      : chosenStreams(log, options.streams)
  for await (const event of source) {
    await write(`${toExportLine(event)}\n`)
    heads.set(event.streamId, { revision: event.revision, hash: event.metadata.hash })
    events += 1
  }
  return { events, streams: heads.size, digest: headsDigest(heads) }
}
