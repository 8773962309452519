import { describeErrors, upcastStored } from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import type { RecordedEvent } from '../store/port.js'

/**
 * An event codec as the domain writes them: a tagged union whose encoded form
 * is a plain object with its `type`. The store keeps `type` beside the data,
 * so `data` is the encoded event without it.
 */
export type EventCodec<Event> = t.Type<Event, { readonly type: string }, unknown>

/** A stored event that no longer decodes: a bug or a tampered store, never skipped. */
export class MalformedEventError extends Error {
  readonly code = 'store.malformed_event'
  constructor(
    readonly streamId: string,
    readonly revision: bigint,
    readonly eventType: string,
    readonly problems: readonly string[],
  ) {
    super(
      `Stored event ${eventType} at revision ${revision} of stream ${streamId} does not decode: ${problems.join('; ')}`,
    )
    this.name = 'MalformedEventError'
  }
}

/** Splits an encoded event into the store's `type` and `data`. */
export const encodeEvent = <Event>(
  codec: EventCodec<Event>,
  event: Event,
): { readonly type: string; readonly data: Readonly<Record<string, unknown>> } => {
  const { type, ...data } = codec.encode(event)
  return { type, data }
}

/**
 * A stored event as the codecs read it: in its current shape, through the
 * domain's upcasters (`upcastStored`) — the one step between the store and a
 * codec, for the application (`decodeRecorded`) and the audit (`createDecoder`).
 */
export const readableStored = (recorded: RecordedEvent): Record<string, unknown> => {
  const { type, data } = upcastStored(recorded)
  return { ...data, type }
}

/** Decodes one stored event or throws `MalformedEventError` naming where it lies. */
export const decodeRecorded = <Event>(codec: EventCodec<Event>, recorded: RecordedEvent): Event =>
  E.getOrElse((errors: t.Errors): Event => {
    throw new MalformedEventError(recorded.streamId, recorded.revision, recorded.type, [
      ...new Set(describeErrors(errors)),
    ])
  })(codec.decode(readableStored(recorded)))
