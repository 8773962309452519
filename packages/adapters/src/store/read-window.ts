import type { ReadStreamOptions, RecordedEvent } from './port.js'

/**
 * The slice of a stream that `readStream` options select, for a stream held in
 * memory in revision order. `fromRevision` is inclusive; `'end'` starts at
 * the last event (useful backwards), `'start'` at revision 0, as in EventStoreDB.
 */
export const selectFromStream = (
  stream: readonly RecordedEvent[],
  options: ReadStreamOptions,
): readonly RecordedEvent[] => {
  const backwards = options.direction === 'backwards'
  const from = options.fromRevision ?? (backwards ? 'end' : 'start')
  const maxCount = options.maxCount ?? Number.POSITIVE_INFINITY
  // Held streams are gapless from 0 (revision = index): a forwards read is a slice, not a scan.
  if (!backwards && typeof from === 'bigint' && from >= 0n && stream[0]?.revision === 0n)
    return stream.slice(Number(from), Number(from) + maxCount)
  const selected = backwards
    ? stream.filter((event) => from === 'end' || event.revision <= (from === 'start' ? 0n : from)).reverse()
    : stream.filter((event) => from === 'start' || (from !== 'end' && event.revision >= from))
  return selected.slice(0, maxCount)
}
