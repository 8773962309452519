import { checkPageAdvances } from '../store/page-progress.js'
import type { EventStore, RecordedEvent } from '../store/port.js'
import type { AuditSource } from './source.js'

/** The reading half of an event store: all an auditor or an export needs. Every `EventStore` is one. */
export type EventLog = Pick<EventStore, 'readAll' | 'readStream'>

const PAGE = 1000

/**
 * The whole log in global order, a page at a time (each page continues after
 * the last position seen); from just after `from` when given.
 */
export async function* readWholeLog(
  log: EventLog,
  pageSize = PAGE,
  from?: RecordedEvent['position'],
): AsyncGenerator<RecordedEvent> {
  let after = from
  for (;;) {
    const page = await log.readAll(
      after === undefined ? { maxCount: pageSize } : { after, maxCount: pageSize },
    )
    // Only an empty page is the end: a short one may come from a store that filters.
    if (page.length === 0) return
    // Reading to an empty page trusts the store to move on: check it does, or this never ends.
    checkPageAdvances('reading the log', page, after)
    yield* page
    after = page.at(-1)!.position
  }
}

/** One stream in revision order, a page at a time. */
export async function* readWholeStream(
  log: EventLog,
  streamId: string,
  pageSize = PAGE,
): AsyncGenerator<RecordedEvent> {
  let from = 0n
  for (;;) {
    const page = await log.readStream(streamId, { fromRevision: from, maxCount: pageSize })
    yield* page
    if (page.length < pageSize) return
    from = page.at(-1)!.revision + 1n
  }
}

/** An audit of any store through its port (memory, EventStoreDB): events only, no stored heads. */
export const logAuditSource = (log: EventLog, name: string): AuditSource => ({
  name,
  events: () => readWholeLog(log),
})
