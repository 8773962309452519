import * as crypto from 'node:crypto'
import type { EventContext, EventMetadata, NewEvent, RecordedEvent } from './port.js'

/**
 * Tamper evidence. Every event carries the SHA-256 of its own canonical
 * encoding (`hash`) and the hash of the previous event in its stream
 * (`previousHash`, `null` for revision 0). Changing, deleting or inserting an
 * event in a stored history breaks the chain, and `verifyChain` says where.
 *
 * The encoding covers: streamId, revision (decimal string, so a bigint never
 * meets JSON), id, type, data, the context fields (correlationId, causationId,
 * principal — only when present), recordedAt and previousHash. recordedAt is
 * included, so back-dating an event is detected too; previousHash is included,
 * so relinking the chain means rewriting every later event.
 * Keys are sorted at every depth and `undefined` members are dropped, exactly as
 * a JSON column stores them, so the hash survives a round trip through jsonb.
 */

const isSkipped = (value: unknown) =>
  value === undefined || typeof value === 'function' || typeof value === 'symbol'

/** Member names as JSON strings: events repeat a few dozen names (`points`, `max`, …) thousands of times. */
const quotedNames = new Map<string, string>()
const quoted = (name: string): string => {
  let text = quotedNames.get(name)
  if (text === undefined) {
    text = JSON.stringify(name)
    // Bounded: names from data (answer keys by task id) must not grow it without end.
    if (quotedNames.size < 4096) quotedNames.set(name, text)
  }
  return text
}

/** JSON.stringify's rules (undefined members dropped, toJSON honoured), with object keys sorted at every depth. */
const write = (value: unknown): string => {
  if (value === null) return 'null'
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value)
    // As JSON.stringify writes them (NaN and the infinities as null); every event hashes a few dozen.
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null'
    case 'boolean':
      return value ? 'true' : 'false'
    case 'bigint':
      throw new TypeError('bigint is not JSON; encode it as a string first')
    case 'object':
      break
    default:
      return JSON.stringify(value) ?? 'null'
  }
  const withToJson = value as { toJSON?: () => unknown }
  if (typeof withToJson.toJSON === 'function') return write(withToJson.toJSON())
  if (Array.isArray(value)) {
    let out = '['
    for (let index = 0; index < value.length; index++) {
      const item = value[index]
      out += `${index === 0 ? '' : ','}${isSkipped(item) ? 'null' : write(item)}`
    }
    return `${out}]`
  }
  const record = value as Record<string, unknown>
  let out = '{'
  for (const key of Object.keys(record).sort()) {
    const member = record[key]
    if (!isSkipped(member)) out += `${out.length === 1 ? '' : ','}${quoted(key)}:${write(member)}`
  }
  return `${out}}`
}

/** JSON with object keys sorted at every depth: the same value always gives the same text. */
export const canonicalJson = (value: unknown): string => write(value)

/** Node's one-shot digest (20.12+) where there is one: no Hash object per event (~40 % less per hash). */
const oneShot = typeof crypto.hash === 'function' ? crypto.hash : undefined

export const sha256Hex = (text: string): string =>
  oneShot === undefined
    ? crypto.createHash('sha256').update(text, 'utf8').digest('hex')
    : oneShot('sha256', text, 'hex')

/** What the hash covers, for one event. */
export type HashedFields = EventContext & {
  readonly streamId: string
  readonly revision: bigint
  readonly id: string
  readonly type: string
  readonly data: Readonly<Record<string, unknown>>
  readonly recordedAt: string
  readonly previousHash: string | null
}

/**
 * `canonicalJson` of the hashed fields, written out in their sorted key order
 * so the data (already canonical) is not serialised twice. A test holds it
 * equal to `canonicalJson` of the whole object.
 */
export const canonicalEnvelope = (fields: Omit<HashedFields, 'data'>, dataJson: string): string => {
  const optional = (key: string, value: string | undefined) =>
    value === undefined ? '' : `${JSON.stringify(key)}:${JSON.stringify(value)},`
  return (
    `{${optional('causationId', fields.causationId)}${optional('correlationId', fields.correlationId)}` +
    `"data":${dataJson},"id":${JSON.stringify(fields.id)},"previousHash":${JSON.stringify(fields.previousHash)},` +
    `${optional('principal', fields.principal)}"recordedAt":${JSON.stringify(fields.recordedAt)},` +
    `"revision":"${fields.revision}","streamId":${JSON.stringify(fields.streamId)},"type":${JSON.stringify(fields.type)}}`
  )
}

export const hashEvent = (fields: HashedFields): string =>
  sha256Hex(canonicalEnvelope(fields, canonicalJson(fields.data)))

/** Only the context fields that are set, so `exactOptionalPropertyTypes` and JSON agree. */
export const contextFields = (context: EventContext | undefined): EventContext => ({
  ...(context?.correlationId === undefined ? {} : { correlationId: context.correlationId }),
  ...(context?.causationId === undefined ? {} : { causationId: context.causationId }),
  ...(context?.principal === undefined ? {} : { principal: context.principal }),
})

/**
 * An event ready to be written: its revision, its data as canonical JSON text
 * (what was hashed; stores write or parse it, never re-serialise the object)
 * and complete metadata.
 */
export type ChainedEvent = {
  readonly id: string
  readonly type: string
  readonly revision: bigint
  readonly dataJson: string
  readonly metadata: EventMetadata
}

/**
 * Numbers and hashes a batch that will follow `previousHash` at `firstRevision`.
 * Data is passed through JSON once (keys sorted), so every store keeps and
 * hashes exactly what a JSON column would give back; ids are lower-cased as
 * PostgreSQL's `uuid` type returns them.
 */
export const chainEvents = (
  streamId: string,
  events: readonly NewEvent[],
  firstRevision: bigint,
  previousHash: string | null,
  recordedAt: string,
  context: EventContext | undefined,
): ChainedEvent[] => {
  const ctx = contextFields(context)
  let previous = previousHash
  return events.map((event, index) => {
    const revision = firstRevision + BigInt(index)
    const id = event.id.toLowerCase()
    // The canonical text is also what the stores keep: exactly what a JSON column gives back.
    const dataJson = canonicalJson(event.data)
    const fields = { ...ctx, streamId, revision, id, type: event.type, recordedAt, previousHash: previous }
    const hash = sha256Hex(canonicalEnvelope(fields, dataJson))
    const metadata: EventMetadata = { ...ctx, recordedAt, previousHash: previous, hash }
    previous = hash
    return { id, type: event.type, revision, dataJson, metadata }
  })
}

export type ChainBreak = {
  readonly streamId: string
  readonly revision: bigint
  /**
   * changed: the event's content no longer matches its own hash;
   * missing: the revision is absent (deleted) before the event reported;
   * inserted: the event does not link to the one before it (put in, replaced or duplicated).
   */
  readonly problem: 'changed' | 'missing' | 'inserted'
  readonly message: string
}

type StreamCursor = { nextRevision: bigint; previousHash: string | null }

/**
 * Checks every stream's chain in the given events (one stream or the whole
 * log, each stream in revision order, starting at revision 0). Returns the
 * breaks; an empty list means the history is intact.
 */
export const verifyChain = (events: Iterable<RecordedEvent>): ChainBreak[] => {
  const cursors = new Map<string, StreamCursor>()
  const breaks: ChainBreak[] = []
  for (const event of events) {
    const { streamId, revision, metadata } = event
    const cursor = cursors.get(streamId) ?? { nextRevision: 0n, previousHash: null }
    const report = (problem: ChainBreak['problem'], message: string) =>
      breaks.push({ streamId, revision, problem, message: `${streamId}@${revision}: ${message}` })
    let linkChecked = false
    if (revision > cursor.nextRevision) {
      const last = revision - 1n
      const range = last === cursor.nextRevision ? `${last}` : `${cursor.nextRevision}..${last}`
      report('missing', `revision ${range} missing before this event`)
      linkChecked = true
    } else if (revision < cursor.nextRevision) {
      report('inserted', `revision ${revision} appears again after revision ${cursor.nextRevision - 1n}`)
      linkChecked = true
    }
    const expected = hashEvent({ ...metadata, ...event, previousHash: metadata.previousHash })
    if (expected !== metadata.hash) report('changed', 'content does not match its recorded hash')
    else if (!linkChecked && metadata.previousHash !== cursor.previousHash)
      report('inserted', 'previousHash does not match the hash of the event before it')
    cursors.set(streamId, {
      nextRevision: revision >= cursor.nextRevision ? revision + 1n : cursor.nextRevision,
      previousHash: metadata.hash,
    })
  }
  return breaks
}
