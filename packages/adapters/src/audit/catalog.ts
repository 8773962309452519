import {
  AppealEvent,
  appealStreamId,
  ExamEvent,
  examStreamId,
  SessionEvent,
  sessionStreamId,
} from '@imtahan/domain'
import type * as t from 'io-ts'
import {
  CABINET,
  FIN_RESERVATION,
  NUMBER_ALLOCATOR,
  PAYMENT,
  REGISTRATION_ATTEMPTS,
  TRANSFER,
  WALLET,
} from '../application/shared/streams.js'
import { type EventCodec, readableStored } from '../command/codec.js'
import type { RecordedEvent } from '../store/port.js'

/** A stream category: every stream whose id starts with `prefix` holds events of `codec`. */
export type CatalogEntry = {
  readonly category: string
  readonly prefix: string
  readonly codec: EventCodec<unknown>
}

export type EventCatalog = readonly CatalogEntry[]

const entry = (category: string, streamOf: (id: string) => string, codec: unknown): CatalogEntry => ({
  category,
  prefix: streamOf(''),
  codec: codec as EventCodec<unknown>,
})

/**
 * Every stream category the application writes, named by the same
 * `streamOf` the application uses, so the catalog cannot drift from it.
 * The exam aggregates are named by the domain's own stream functions
 * (`exam-<examId>`, `examsession-<sessionId>`); the longest prefix wins, so
 * the two never claim each other's streams.
 */
export const DEFAULT_CATALOG: EventCatalog = [
  entry('cabinet', CABINET.streamOf, CABINET.codec),
  entry('finreservation', FIN_RESERVATION.streamOf, FIN_RESERVATION.codec),
  entry('cabinetnumbers', NUMBER_ALLOCATOR.streamOf, NUMBER_ALLOCATOR.codec),
  entry('registrationattempts', REGISTRATION_ATTEMPTS.streamOf, REGISTRATION_ATTEMPTS.codec),
  entry('wallet', WALLET.streamOf, WALLET.codec),
  entry('payment', PAYMENT.streamOf, PAYMENT.codec),
  entry('transfer', TRANSFER.streamOf, TRANSFER.codec),
  entry('exam', examStreamId, ExamEvent),
  entry('examsession', sessionStreamId, SessionEvent),
  entry('appeal', appealStreamId, AppealEvent),
]

/** How one stored event reads. Only `decoded` carries a domain event; the rest say why not, without its data. */
export type Decoded =
  | { readonly kind: 'decoded'; readonly category: string; readonly event: { readonly type: string } }
  | { readonly kind: 'unknown-category' }
  | { readonly kind: 'unknown-type'; readonly category: string }
  | { readonly kind: 'invalid'; readonly category: string; readonly fields: readonly string[] }

type Members = ReadonlyMap<string, t.Mixed>

/** The member codecs of a tagged union (or a single `t.type`), by their `type` literal. */
const membersOf = (codec: t.Mixed): Members => {
  const parts: readonly t.Mixed[] =
    'types' in codec && Array.isArray(codec.types) ? (codec.types as t.Mixed[]) : [codec]
  const members = new Map<string, t.Mixed>()
  for (const part of parts) {
    const literal = (part as { props?: { type?: { value?: unknown } } }).props?.type?.value
    if (typeof literal === 'string') members.set(literal, part)
  }
  return members
}

/** The field paths that failed, never the values: a failing field may be a FIN or a phone number. */
const failingFields = (errors: t.Errors): string[] => [
  ...new Set(
    errors.map(
      (error) =>
        error.context
          .map((step) => step.key)
          .filter((key) => key !== '' && !/^\d+$/.test(key))
          .join('.') || '(the event)',
    ),
  ),
]

/** Reads stored events against the catalog; the longest matching prefix wins. */
export const createDecoder = (catalog: EventCatalog) => {
  const entries = [...catalog]
    .sort((a, b) => b.prefix.length - a.prefix.length)
    .map((item) => ({ ...item, members: membersOf(item.codec) }))
  return (recorded: RecordedEvent): Decoded => {
    const found = entries.find((item) => recorded.streamId.startsWith(item.prefix))
    if (found === undefined) return { kind: 'unknown-category' }
    const { category } = found
    const member = found.members.get(recorded.type)
    if (member === undefined) return { kind: 'unknown-type', category }
    const readable = readableStored(recorded)
    const result = found.codec.decode(readable)
    if (result._tag === 'Right') return { kind: 'decoded', category, event: result.right as { type: string } }
    const precise = member.decode(readable)
    const fields = precise._tag === 'Left' ? failingFields(precise.left) : failingFields(result.left)
    return { kind: 'invalid', category, fields }
  }
}
