import type { Position as EsdbPosition } from '@eventstore/db-client'
import { comparePositions, type ReadAllOptions, type RecordedEvent, START } from '../port.js'
import { type EsdbRecordedEvent, fromEsdbRecordedEvent, isOurs, toEsdbReadPosition } from './mapping.js'

/** The part of the client's `readAll` a page read uses (the real client, or a test double of it). */
export type EsdbReadAll = (options: {
  readonly direction: 'forwards'
  readonly fromPosition: EsdbPosition | 'start'
  readonly maxCount?: number
}) => AsyncIterable<{ readonly event?: EsdbRecordedEvent | undefined }>

/**
 * One page of `$all` as the port promises it: up to `maxCount` of our events
 * strictly after `after`, and fewer only when the end of the log was reached.
 *
 * Client v6 cannot filter a read on the server (`readAll` always sends
 * "no filter"; only subscriptions take `excludeSystemEvents()`), so system
 * events come back and take places in the raw page. Dropping them and
 * returning a short page would look like the end of the log to every caller.
 * So we read again after the last raw event until the page is full or the
 * server itself returns fewer raw events than asked for — its end of stream.
 */
export const readAllPage = async (
  readAll: EsdbReadAll,
  options: ReadAllOptions = {},
): Promise<readonly RecordedEvent[]> => {
  const wanted = options.maxCount
  const page: RecordedEvent[] = []
  let from = options.after ?? START
  for (;;) {
    // The start is inclusive: one more, because the event at `from` itself is dropped.
    const asked = wanted === undefined ? undefined : wanted - page.length + 1
    let raw = 0
    let last: EsdbPosition | undefined
    for await (const resolved of readAll({
      direction: 'forwards',
      fromPosition: toEsdbReadPosition(from),
      ...(asked === undefined ? {} : { maxCount: asked }),
    })) {
      raw += 1
      const event = resolved.event
      if (!event) continue
      if (!event.position)
        throw new Error(`An event read from $all has no position: ${event.streamId}@${event.revision}`)
      last = event.position
      if (comparePositions(event.position, from) <= 0 || !isOurs(event)) continue
      page.push(fromEsdbRecordedEvent(event))
    }
    if (wanted === undefined || asked === undefined || raw < asked) return page.slice(0, wanted)
    if (page.length >= wanted) return page.slice(0, wanted)
    if (last === undefined || comparePositions(last, from) <= 0) {
      throw new Error('$all did not move forward while reading a page')
    }
    from = { commit: last.commit, prepare: last.prepare }
  }
}
