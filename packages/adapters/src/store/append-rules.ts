import {
  DuplicateEventIdError,
  type ExpectedRevision,
  type NewEvent,
  type StreamAppend,
  WrongExpectedVersionError,
} from './port.js'

/**
 * The append rules every store we implement ourselves shares (EventStoreDB
 * applies the same ones on its server). Pure, so memory, PostgreSQL and PGlite
 * cannot drift apart.
 */

/** The stream's last revision, or `'no_stream'`. */
export type StreamHead = bigint | 'no_stream'

export const expectationHolds = (expected: ExpectedRevision, actual: StreamHead): boolean =>
  expected === 'any' ||
  (expected === 'no_stream' && actual === 'no_stream') ||
  (expected === 'stream_exists' && actual !== 'no_stream') ||
  (typeof expected === 'bigint' && actual === expected)

/** Throws `WrongExpectedVersionError` unless `expected` holds for a stream at `actual`. */
export const checkExpectedRevision = (
  streamId: string,
  expected: ExpectedRevision,
  actual: StreamHead,
): void => {
  if (!expectationHolds(expected, actual)) throw new WrongExpectedVersionError(streamId, expected, actual)
}

/** The first revision a new batch gets on a stream at `head`. */
export const nextRevision = (head: StreamHead): bigint => (head === 'no_stream' ? 0n : head + 1n)

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * Refuses a batch no store could keep: an id that is not a UUID (PostgreSQL and
 * EventStoreDB both require one) or the same id twice.
 */
export const checkBatch = (streamId: string, events: readonly NewEvent[]): void => {
  const malformed = events.find((event) => !UUID.test(event.id))
  if (malformed) throw new TypeError(`Event id must be a UUID, got "${malformed.id}" for stream ${streamId}`)
  const seen = new Set<string>()
  const repeated = events.filter((event) => {
    const id = event.id.toLowerCase()
    if (seen.has(id)) return true
    seen.add(id)
    return false
  })
  if (repeated.length > 0)
    throw new DuplicateEventIdError(
      streamId,
      repeated.map((event) => event.id),
    )
}

/**
 * EventStoreDB's idempotency rule. `known` maps the batch's ids that are
 * already in the stream to their revisions. If none is known the batch is new.
 * If all are known, consecutive, in the same order, and at the place the
 * writer expected, it is a retry of an append that already happened: the
 * answer is the revision of its last event. Anything else reuses ids
 * elsewhere and is refused.
 */
export const resolveKnownIds = (
  streamId: string,
  events: readonly NewEvent[],
  expected: ExpectedRevision,
  known: ReadonlyMap<string, bigint>,
): { readonly kind: 'new' } | { readonly kind: 'already_appended'; readonly lastRevision: bigint } => {
  if (known.size === 0 || events.length === 0) return { kind: 'new' }
  const revisions = events.map((event) => known.get(event.id.toLowerCase()))
  const first = revisions[0]
  const consecutive =
    first !== undefined && revisions.every((revision, index) => revision === first + BigInt(index))
  const atExpectedPlace =
    expected === 'any' ||
    expected === 'stream_exists' ||
    (expected === 'no_stream' && first === 0n) ||
    (typeof expected === 'bigint' && first === expected + 1n)
  if (consecutive && atExpectedPlace)
    return { kind: 'already_appended', lastRevision: first + BigInt(events.length - 1) }
  throw new DuplicateEventIdError(
    streamId,
    events.filter((event) => known.has(event.id.toLowerCase())).map((event) => event.id),
  )
}

/** A multi-stream append: each stream named once, each batch one `checkBatch` accepts. */
export const checkStreamBatches = (appends: readonly StreamAppend[]): void => {
  const named = new Set<string>()
  for (const { streamId, events } of appends) {
    if (named.has(streamId))
      throw new TypeError(`Stream ${streamId} appears twice in one multi-stream append`)
    named.add(streamId)
    checkBatch(streamId, events)
  }
}
