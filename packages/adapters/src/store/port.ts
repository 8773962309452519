/**
 * The event store port. Every store (memory, PostgreSQL, PGlite, EventStoreDB)
 * implements it and passes the same contract suite
 * (`packages/adapters/test/store/contract.ts`).
 *
 * Revisions are `bigint` everywhere (EventStoreDB's own type), so no store can
 * silently lose precision and no caller can mix them with `number`.
 */

/** What a writer believes about the stream it appends to. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint

/**
 * A place in the global log. For PostgreSQL `commit` is the writing
 * transaction's id and `prepare` the row's sequence number; for EventStoreDB
 * they are its own commit/prepare positions; for memory both are the index.
 * Positions are ordered by (commit, prepare) and may have gaps.
 */
export type Position = { readonly commit: bigint; readonly prepare: bigint }

export const START: Position = { commit: -1n, prepare: -1n }

export const comparePositions = (a: Position, b: Position): number =>
  a.commit === b.commit
    ? a.prepare === b.prepare
      ? 0
      : a.prepare < b.prepare
        ? -1
        : 1
    : a.commit < b.commit
      ? -1
      : 1

/** Who did it and why, carried with every event (ARCHITECTURE: audit). */
export type EventContext = {
  readonly correlationId?: string
  readonly causationId?: string
  /** The acting principal, e.g. `cabinet:10000016`, `staff:ali`, `system:transfer`. */
  readonly principal?: string
}

/** An event on its way in. `id` is a UUID; derive it deterministically where a retry must not duplicate. */
export type NewEvent = {
  readonly id: string
  readonly type: string
  readonly data: Readonly<Record<string, unknown>>
}

/**
 * The metadata a store writes beside every event. `previousHash` is the hash of
 * the stream's previous event (`null` for the first); `hash` is SHA-256 over
 * the canonical encoding of this event (see `hash-chain.ts`).
 */
export type EventMetadata = EventContext & {
  readonly recordedAt: string
  readonly previousHash: string | null
  readonly hash: string
}

export type RecordedEvent = {
  readonly id: string
  readonly streamId: string
  readonly type: string
  readonly revision: bigint
  readonly position: Position
  readonly data: Readonly<Record<string, unknown>>
  readonly metadata: EventMetadata
}

export type AppendResult = {
  /** The stream's revision after the append (the last event's revision). */
  readonly nextExpectedRevision: bigint
  readonly position: Position
}

export type ReadStreamOptions = {
  readonly fromRevision?: bigint | 'start' | 'end'
  readonly direction?: 'forwards' | 'backwards'
  readonly maxCount?: number
}

export type ReadAllOptions = {
  /** Exclusive: events strictly after this position. Default: from the start. */
  readonly after?: Position
  /**
   * At most this many events. A store returns fewer **only at the end of the
   * log** as it was when read: a store that filters events out (EventStoreDB
   * drops its system events) reads on until the page is full or the log ends.
   * `catchUp` relies on this to stop at "the log as it is now"; the audit's
   * whole-log read also reads on to an empty page.
   */
  readonly maxCount?: number
}

export type Subscription = {
  /** Stops delivering and resolves once the handler is no longer running. */
  readonly stop: () => Promise<void>
}

export type SubscribeOptions = {
  /** Exclusive checkpoint: deliver events strictly after it. */
  readonly after?: Position
  readonly onEvent: (event: RecordedEvent) => Promise<void>
  /**
   * Called (and awaited) each time the subscription has delivered everything
   * there is and is about to wait: where a runner saves what it deferred. A
   * throw ends the subscription as a throwing `onEvent` does. Optional for a
   * store: a runner must not rely on it for more than timeliness.
   */
  readonly onCaughtUp?: () => Promise<void>
  readonly onError?: (error: unknown) => void
}

/** One stream of a multi-stream read: forwards from `fromRevision` (default the start) to its end. */
export type StreamRead = { readonly streamId: string; readonly fromRevision?: bigint }

/** One stream's part of a multi-stream append, with its own expected revision. */
export type StreamAppend = {
  readonly streamId: string
  readonly events: readonly NewEvent[]
  readonly expected: ExpectedRevision
  /**
   * The hash of the stream's event at `expected`, when the caller already
   * holds it (a projection keeps each stream's head, say): a store that
   * chains events may write on it at once instead of looking the head up
   * first. Only a hint: a wrong one costs a refused write and a look, never
   * a broken chain (the write also checks the hash it follows).
   */
  readonly expectedHash?: string
}

/**
 * One stream's outcome of a multi-stream append: appended (or answered as a
 * retry of an append that already happened), or refused for that stream
 * alone — the others are not affected.
 */
export type StreamAppendOutcome =
  | { readonly streamId: string; readonly ok: true; readonly result: AppendResult }
  | {
      readonly streamId: string
      readonly ok: false
      readonly error: WrongExpectedVersionError | DuplicateEventIdError
    }

export interface EventStore {
  readonly name: string
  /** Empty array for a stream that does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<readonly RecordedEvent[]>
  /**
   * Many streams at once (one round trip on SQL, bounded parallel reads on
   * EventStoreDB): each stream forwards from its `fromRevision` to its end.
   * Every requested stream is in the answer, empty if it does not exist.
   */
  readStreams(reads: readonly StreamRead[]): Promise<ReadonlyMap<string, readonly RecordedEvent[]>>
  appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
    context?: EventContext,
  ): Promise<AppendResult>
  /**
   * Appends to many distinct streams, each checked against its own expected
   * revision with `appendToStream`'s rules. Answers one outcome per stream, in
   * order: a conflict or a reused id refuses that stream only, so a caller
   * retries just those. Memory, PostgreSQL and PGlite write every accepted
   * stream in one transaction; EventStoreDB has no multi-stream transaction
   * and appends stream by stream (bounded parallel). A malformed batch (an id
   * that is not a UUID, a stream named twice) is thrown before anything is written.
   */
  appendToStreams(
    appends: readonly StreamAppend[],
    context?: EventContext,
  ): Promise<readonly StreamAppendOutcome[]>
  /** Global order; never skips an event that becomes visible later with a smaller position. */
  readAll(options?: ReadAllOptions): Promise<readonly RecordedEvent[]>
  /** Catches up from the checkpoint, then follows new events, one at a time, in global order. */
  subscribeToAll(options: SubscribeOptions): Subscription
  close(): Promise<void>
}

/** A concurrency conflict: the stream was not where the writer expected it. */
export class WrongExpectedVersionError extends Error {
  readonly code = 'store.wrong_expected_version'
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** The stream's actual last revision, or `'no_stream'` when it does not exist. */
    readonly actual: bigint | 'no_stream',
    /**
     * The events from `expected + 1` to `actual`, when the store saw them in
     * the refusing round trip (PostgreSQL and PGlite on a single-stream
     * append); empty otherwise. A caller holding the state at `expected` can
     * fold them instead of reading the stream again.
     */
    readonly following: readonly RecordedEvent[] = [],
  ) {
    super(
      `Stream ${streamId} is at ${actual === 'no_stream' ? 'no stream' : `revision ${actual}`}, expected ${
        typeof expected === 'bigint' ? `revision ${expected}` : expected
      }`,
    )
    this.name = 'WrongExpectedVersionError'
  }
}

/**
 * Event ids already in the stream, but not as the exact same append at the
 * same place (EventStoreDB's idempotency rule): a true duplicate is answered,
 * a reuse of an id elsewhere is refused.
 */
export class DuplicateEventIdError extends Error {
  readonly code = 'store.duplicate_event_id'
  constructor(
    readonly streamId: string,
    readonly eventIds: readonly string[],
  ) {
    super(`Event ids already used in stream ${streamId}: ${eventIds.join(', ')}`)
    this.name = 'DuplicateEventIdError'
  }
}
