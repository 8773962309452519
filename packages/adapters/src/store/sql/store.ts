import type { Clock } from '../../ports/clock.js'
import type { StreamHead } from '../append-rules.js'
import type { ChainedEvent } from '../hash-chain.js'
import { type AppendSteps, appendOptimistically, type StreamGuess } from '../optimistic-append.js'
import { createWaker, type PollingConfig, pollingSubscription } from '../polling-subscription.js'
import {
  type EventStore,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  START,
} from '../port.js'
import { type SqlClient, sqlState } from './client.js'
import { migrate } from './migrations.js'
import { type EventRow, statements, toPosition, toRecordedEvent } from './statements.js'

export type SqlEventStoreOptions = {
  /** Where the tables live; tests use a fresh one per file. Default `imtahan`. */
  readonly schema?: string
  /** Stamps `recordedAt`; default real time. */
  readonly clock?: Clock
  readonly polling?: PollingConfig
}

type KnownId = { id: string; revision: string; position: string; transaction_id: string }
type HeadRow = { revision: string | null; last_hash: string | null; known: KnownId[] | string }
type WrittenRow = { position: string; transaction_id: string }

const MAX_BIGINT = '9223372036854775807'
const HEAD_CACHE_SIZE = 10_000
const NEW_STREAM: StreamGuess = { head: 'no_stream', lastHash: null }
/** The batch as one JSON array, splicing in each event's data text as it was hashed. */
const batchJson = (events: readonly ChainedEvent[]) =>
  `[${events
    .map(
      (event) =>
        `{"revision":"${event.revision}","event_id":${JSON.stringify(event.id)},"type":${JSON.stringify(event.type)},` +
        `"data":${event.dataJson},"metadata":${JSON.stringify(event.metadata)}}`,
    )
    .join(',')}]`

/**
 * The event store on PostgreSQL's SQL, shared by `pg` and PGlite.
 *
 * An append (see optimistic-append.ts) is one statement and no explicit
 * transaction: it moves the `streams` row only if it is still at the revision
 * we believe (remembered from this process's last look, or read first: head,
 * last hash, which of the batch's ids are already there) and inserts the
 * events. If another writer got there first, or an id is already in the
 * stream, nothing is written and the append reads the head and decides again.
 */
export const createSqlEventStore = async (
  name: string,
  client: SqlClient,
  options: SqlEventStoreOptions = {},
): Promise<EventStore> => {
  const schema = options.schema ?? 'imtahan'
  await migrate(client, schema)
  const sql = statements(schema)
  const clock = options.clock ?? { now: () => new Date() }
  const waker = createWaker()

  const lastPosition = async (streamId: string) => {
    const [row] = await client.query<WrittenRow>(sql.lastEvent, [streamId])
    return row ? toPosition(row) : START
  }

  /**
   * The head each stream had after this process last saw it, so the usual
   * append (a command handler writing where it just read) is one round trip.
   * A stale entry only costs a refused write and a fresh look.
   */
  const heads = new Map<string, StreamGuess>()
  const remember = (streamId: string, guess: StreamGuess | undefined) => {
    heads.delete(streamId)
    if (guess === undefined) return
    heads.set(streamId, guess)
    if (heads.size > HEAD_CACHE_SIZE) heads.delete(heads.keys().next().value!)
  }

  const steps = (streamId: string): AppendSteps => ({
    guess: (expected) => heads.get(streamId) ?? (expected === 'no_stream' ? NEW_STREAM : undefined),
    snapshot: async (ids) => {
      const [row] = await client.query<HeadRow>(sql.head, [streamId, `{${ids.join(',')}}`])
      const known: KnownId[] = typeof row?.known === 'string' ? JSON.parse(row.known) : (row?.known ?? [])
      const head: StreamHead = row?.revision == null ? 'no_stream' : BigInt(row.revision)
      const lastHash = row?.last_hash ?? null
      remember(streamId, head === 'no_stream' ? undefined : { head, lastHash })
      return {
        head,
        lastHash,
        known: new Map(known.map((k) => [k.id, { revision: BigInt(k.revision), position: toPosition(k) }])),
        lastPosition: () => lastPosition(streamId),
      }
    },
    write: async (chained, head) => {
      const last = chained.at(-1)!
      const params = [streamId, batchJson(chained), last.revision.toString(), last.metadata.hash]
      try {
        const [written] =
          head === 'no_stream'
            ? await client.query<WrittenRow>(sql.appendNew, params)
            : await client.query<WrittenRow>(sql.appendExisting, [...params, head.toString()])
        remember(streamId, written ? { head: last.revision, lastHash: last.metadata.hash } : undefined)
        return written ? toPosition(written) : 'lost_race'
      } catch (error) {
        remember(streamId, undefined)
        // A unique violation: a racing writer, or (after a guess) an id already there. Looking again sorts it out.
        if (sqlState(error) === '23505') return 'lost_race'
        throw error
      }
    },
  })

  const readAll = async (readOptions: ReadAllOptions = {}): Promise<readonly RecordedEvent[]> => {
    const limit = readOptions.maxCount === undefined ? null : String(readOptions.maxCount)
    const after = readOptions.after
    const rows =
      after === undefined || after.commit < 0n
        ? await client.query<EventRow>(sql.readAll, [limit])
        : await client.query<EventRow>(sql.readAllAfter, [
            limit,
            after.commit.toString(),
            after.prepare.toString(),
          ])
    return rows.map(toRecordedEvent)
  }

  const readStream = async (streamId: string, readOptions: ReadStreamOptions = {}) => {
    const backwards = readOptions.direction === 'backwards'
    const from = readOptions.fromRevision ?? (backwards ? 'end' : 'start')
    if (!backwards && from === 'end') return []
    const revision = from === 'start' ? '0' : from === 'end' ? MAX_BIGINT : from.toString()
    const limit = readOptions.maxCount === undefined ? null : String(readOptions.maxCount)
    const rows = await client.query<EventRow>(backwards ? sql.readBackwards : sql.readForwards, [
      streamId,
      revision,
      limit,
    ])
    return rows.map(toRecordedEvent)
  }

  return {
    name,
    readStream,
    appendToStream: async (streamId, events, expected, context) => {
      const result = await appendOptimistically(streamId, events, expected, context, clock, steps(streamId))
      waker.notify()
      return result
    },
    readAll,
    subscribeToAll: (subscribeOptions) =>
      pollingSubscription(readAll, subscribeOptions, waker, options.polling),
    close: () => client.close(),
  }
}
