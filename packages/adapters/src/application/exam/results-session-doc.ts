import { type ExamEvent, evolveSessionRow, type SessionEvent, type SessionRow } from '@imtahan/domain'
import type { RecordedEvent } from '../../store/port.js'
import { fromRichJson, toRichJson } from '../../views/rich-json.js'
import { isSessionStream } from '../shared/streams.js'

/**
 * A finished session's own stream from its `SessionEnded` on, exactly as
 * the stream holds it up to `head`: a re-score folds these events to decide,
 * instead of reading the stream back. Only events the results view folds
 * reach it, so a session-stream event of another type leaves a gap — and a
 * tail with a gap is dropped, never kept: a snapshot is the whole stream
 * after the end or nothing. If the stream moved past `head` since, the
 * re-score's append (expected revision `head`) is refused and it reads the
 * stream instead, so a stale tail costs a read, never a wrong decision.
 */
export type SessionTail = {
  readonly events: readonly SessionEvent[]
  readonly head: bigint
  /**
   * The hash of the event at `head` (immutable once written), so the
   * re-score's append need not look the head up (`StreamAppend.expectedHash`).
   * Absent from documents written before it was kept: those cost the look.
   */
  readonly headHash?: string
}

/** One session's row, where its `SessionEnded` is, and its tail from there (see `SessionTail`). */
export type SessionDoc = {
  readonly row: SessionRow
  readonly endRevision?: bigint
  readonly tail?: SessionTail
}

const tailAfter = (
  tail: SessionTail | undefined,
  event: RecordedEvent,
  decoded: SessionEvent | ExamEvent,
): SessionTail | undefined => {
  // An Exam-stream event naming the session is not in the session's stream.
  if (!isSessionStream(event.streamId)) return tail
  const own = decoded as SessionEvent
  const headHash = event.metadata.hash
  if (event.type === 'SessionEnded') return { events: [own], head: event.revision, headHash }
  if (tail === undefined || event.revision !== tail.head + 1n) return undefined
  return { events: [...tail.events, own], head: event.revision, headHash }
}

/** The session document after one event the view folds (`decoded` is that event). */
export const applySessionDoc = (
  doc: SessionDoc | undefined,
  event: RecordedEvent,
  decoded: SessionEvent | ExamEvent,
): SessionDoc | undefined => {
  const row = evolveSessionRow(doc?.row, decoded)
  if (row === undefined) return doc
  const ended = event.type === 'SessionEnded' && isSessionStream(event.streamId)
  const endRevision = ended ? event.revision : doc?.endRevision
  const tail = tailAfter(doc?.tail, event, decoded)
  return {
    row,
    ...(endRevision === undefined ? {} : { endRevision }),
    ...(tail === undefined ? {} : { tail }),
  }
}

export const isSessionDoc = (doc: unknown): doc is SessionDoc =>
  typeof doc === 'object' && doc !== null && 'row' in doc

/**
 * The tail's `SessionEnded` carries the same answers as the row's final
 * result (`evolveSessionRow` keeps that very object), a hundred per
 * candidate, and until a revision the same result: each is stored once, in
 * the row, when it is that very object, and put back when the document is
 * read. A field that differs is stored as it is.
 */
const SHARED = ['answers', 'result'] as const

export const encodeSessionDoc = (doc: SessionDoc): unknown => {
  const { tail, row } = doc
  const final = row.final
  if (tail === undefined || final === undefined) return toRichJson(doc)
  const events = tail.events.map((event) => {
    if (event.type !== 'SessionEnded') return event
    const stored: Record<string, unknown> = { ...event }
    for (const field of SHARED) if (event[field] === final[field]) stored[field] = undefined
    return stored
  })
  return toRichJson({ ...doc, tail: { ...tail, events } })
}

export const decodeSessionDoc = (doc: SessionDoc): SessionDoc => {
  const { tail, row } = doc
  const final = row.final
  if (tail === undefined || final === undefined) return doc
  const events = tail.events.map((event) => {
    if (event.type !== 'SessionEnded') return event
    const restored: Record<string, unknown> = { ...event }
    for (const field of SHARED) restored[field] ??= final[field]
    return restored as unknown as typeof event
  })
  return { ...doc, tail: { ...tail, events } }
}

/** The view's codec: rich JSON, session documents with their answers stored once. */
export const resultsDocCodec = <Doc>() => ({
  encode: (doc: Doc): unknown => (isSessionDoc(doc) ? encodeSessionDoc(doc) : toRichJson(doc)),
  decode: (stored: unknown): Doc => {
    const doc = fromRichJson(stored)
    return (isSessionDoc(doc) ? decodeSessionDoc(doc) : doc) as Doc
  },
})
