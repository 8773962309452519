import type { AppendExpectedRevision, CurrentRevision, Position as EsdbPosition } from '@eventstore/db-client'
import type { StreamHead } from '../append-rules.js'
import type { EventMetadata, Position, RecordedEvent } from '../port.js'
import { START } from '../port.js'

/**
 * Pure translations between the port and @eventstore/db-client v6, kept
 * apart from the client so they are unit-tested without a server.
 */

/** The port's expected revisions are EventStoreDB's own constants and bigints, checked one by one. */
export const toEsdbExpectedRevision = (
  expected: StreamHead | 'any' | 'stream_exists',
): AppendExpectedRevision => {
  if (typeof expected === 'bigint') {
    if (expected < 0n) throw new RangeError(`An expected revision is never negative, got ${expected}`)
    return expected
  }
  return expected
}

/**
 * EventStoreDB's "current revision" as the port's stream head. Older servers
 * report a missing stream as revision -1 in gRPC metadata; that is `no_stream`.
 */
export const fromEsdbCurrentRevision = (current: CurrentRevision | bigint): StreamHead =>
  current === 'no_stream' || current < 0n ? 'no_stream' : current

/** A read start: the port's checkpoints are exclusive, a read from a position is inclusive. */
export const toEsdbReadPosition = (after: Position | undefined): EsdbPosition | 'start' =>
  after === undefined || after.commit < 0n ? 'start' : { commit: after.commit, prepare: after.prepare }

/** JSON that EventStoreDB can carry: bigints become decimal strings (JSON.stringify throws on them). */
export const toJsonSafe = (value: unknown): unknown => {
  if (typeof value === 'bigint') return value.toString()
  if (Array.isArray(value)) return value.map(toJsonSafe)
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, toJsonSafe(member)]))
  }
  return value
}

/** The subset of the client's recorded event the port needs. */
export type EsdbRecordedEvent = {
  readonly id: string
  readonly streamId: string
  readonly type: string
  readonly revision: bigint
  readonly isJson: boolean
  readonly data: unknown
  readonly metadata: unknown
  readonly position?: EsdbPosition | undefined
}

/** System streams ($…) and non-JSON events are EventStoreDB's own business, not ours. */
export const isOurs = (event: EsdbRecordedEvent): boolean =>
  event.isJson && !event.streamId.startsWith('$') && !event.type.startsWith('$')

const asRecord = (value: unknown, what: string, event: EsdbRecordedEvent): Record<string, unknown> => {
  if (value !== null && typeof value === 'object' && !Array.isArray(value))
    return value as Record<string, unknown>
  throw new TypeError(`${what} of ${event.streamId}@${event.revision} is not a JSON object`)
}

/**
 * A recorded event as the port sees it. Stream reads on servers before 22.6
 * carry no position; `fallbackPosition` (the $all commit position, or START)
 * stands in.
 */
export const fromEsdbRecordedEvent = (
  event: EsdbRecordedEvent,
  fallbackPosition: Position = START,
): RecordedEvent => ({
  id: event.id,
  streamId: event.streamId,
  type: event.type,
  revision: event.revision,
  position: event.position
    ? { commit: event.position.commit, prepare: event.position.prepare }
    : fallbackPosition,
  data: asRecord(event.data, 'data', event),
  metadata: asRecord(event.metadata, 'metadata', event) as EventMetadata,
})

/** `readStream` does not throw for a missing stream: the error surfaces while iterating. */
export const isStreamNotFound = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && 'type' in error && error.type === 'stream-not-found'

export const isWrongExpectedVersion = (
  error: unknown,
): error is { readonly type: 'wrong-expected-version'; readonly actualVersion: CurrentRevision } =>
  typeof error === 'object' && error !== null && 'type' in error && error.type === 'wrong-expected-version'
