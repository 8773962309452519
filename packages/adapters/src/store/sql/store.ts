import type { Clock } from '../../ports/clock.js'
import type { StreamHead } from '../append-rules.js'
import type { ChainedEvent } from '../hash-chain.js'
import {
  type AppendSteps,
  appendOptimistically,
  guessAt,
  type Refusal,
  type StreamGuess,
} from '../optimistic-append.js'
import { createWaker, type PollingConfig, pollingSubscription } from '../polling-subscription.js'
import {
  type EventStore,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  START,
} from '../port.js'
import { type SqlClient, sqlState } from './client.js'
import { createGroupCommit } from './group-commit.js'
import { migrate } from './migrations.js'
import { multiStream } from './multi-stream.js'
import { type EventRow, FOLLOWING_LIMIT, statements, toPosition, toRecordedEvent } from './statements.js'

export type SqlEventStoreOptions = {
  /** Where the tables live; tests use a fresh one per file. Default `imtahan`. */
  readonly schema?: string
  /** Stamps `recordedAt`; default real time. */
  readonly clock?: Clock
  readonly polling?: PollingConfig
  /**
   * Append statements in flight at once (default 2); appends to other streams
   * arriving meanwhile are combined into the next one (group commit). 1 for a
   * single connection such as PGlite. Keep it below the pool size: reads
   * need connections too.
   */
  readonly maxWritesInFlight?: number
}

type KnownId = { id: string; revision: string; position: string; transaction_id: string }
type HeadRow = { revision: string | null; last_hash: string | null; known: KnownId[] | string }
type WrittenRow = { position: string; transaction_id: string }
/** A written stream's row, or (position null) a refused one's with the events after its expected head. */
type AnswerRow = {
  position: string | null
  transaction_id: string | null
  following: EventRow[] | string | null
}
type Write = {
  readonly streamId: string
  readonly events: readonly ChainedEvent[]
  readonly head: StreamHead
}
type Outcome = WrittenRow | 'lost_race' | Refusal

const MAX_BIGINT = '9223372036854775807'
const HEAD_CACHE_SIZE = 10_000
const NEW_STREAM: StreamGuess = { head: 'no_stream', lastHash: null }
/** A written stream's answer as its position, or as the events that follow the head it was refused on. */
const outcomeOf = (answer: AnswerRow): WrittenRow | Refusal => {
  if (answer.position !== null && answer.transaction_id !== null)
    return { position: answer.position, transaction_id: answer.transaction_id }
  const rows: EventRow[] =
    typeof answer.following === 'string' ? JSON.parse(answer.following) : (answer.following ?? [])
  // Cut at the limit: the head is further on than these show, so the append looks at it instead.
  return { following: rows.length < FOLLOWING_LIMIT ? rows.map(toRecordedEvent) : [] }
}

/** Most events one group-commit statement carries. */
const GROUP_MAX_EVENTS = 1_000

/** One event as a JSON object, splicing in its data text as it was hashed; `n` tags its write in a group. */
const eventJson = (event: ChainedEvent, n?: number) =>
  `{${n === undefined ? '' : `"n":${n},`}"revision":"${event.revision}","event_id":${JSON.stringify(event.id)},` +
  `"type":${JSON.stringify(event.type)},"data":${event.dataJson},"metadata":${JSON.stringify(event.metadata)}}`

/** The batch as one JSON array, so a 1,000-event append is still one parameter. */
const batchJson = (events: readonly ChainedEvent[]) =>
  `[${events.map((event) => eventJson(event)).join(',')}]`

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

  /**
   * An event read from the log moves a remembered head it directly follows
   * (another process's write, seen by this process's cache follower or a
   * runner), so the next append on that stream need not be refused first.
   * Heads not remembered, and events that do not follow on, are left alone.
   */
  const followHead = (event: RecordedEvent) => {
    const guess = heads.get(event.streamId)
    if (guess === undefined || guess.head === 'no_stream' || event.revision !== guess.head + 1n) return
    heads.set(event.streamId, guessAt(event))
  }

  /** One write in its own statement: the single-stream statements, each the same conditional step. */
  const writeOne = async ({ streamId, events, head }: Write): Promise<Outcome> => {
    const last = events.at(-1)!
    const params = [streamId, batchJson(events), last.revision.toString(), last.metadata.hash]
    try {
      const [answer] =
        head === 'no_stream'
          ? await client.query<AnswerRow>(sql.appendNew, params)
          : await client.query<AnswerRow>(sql.appendExisting, [
              ...params,
              head.toString(),
              events[0]!.metadata.previousHash,
            ])
      return answer === undefined ? 'lost_race' : outcomeOf(answer)
    } catch (error) {
      // A unique violation: a racing writer, or (after a guess) an id already there. Looking again sorts it out.
      if (sqlState(error) === '23505') return 'lost_race'
      throw error
    }
  }

  /** Writes to distinct streams in one statement, sorted by stream so every group locks heads in one order. */
  const writeMany = async (group: readonly Write[]): Promise<readonly Outcome[]> => {
    const sorted = [...group].sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0))
    const heads = sorted.map(({ streamId, events, head }, n) =>
      JSON.stringify({
        n,
        stream_id: streamId,
        expected: head === 'no_stream' ? null : head.toString(),
        follows: events[0]!.metadata.previousHash,
        revision: events.at(-1)!.revision.toString(),
        last_hash: events.at(-1)!.metadata.hash,
      }),
    )
    const events = sorted.flatMap((write, n) => write.events.map((event) => eventJson(event, n)))
    const rows = await client.query<AnswerRow & { stream_id: string }>(sql.appendMany, [
      `[${heads.join(',')}]`,
      `[${events.join(',')}]`,
    ])
    const answers = new Map(rows.map((row) => [row.stream_id, row]))
    return group.map((write) => {
      const answer = answers.get(write.streamId)
      return answer === undefined ? 'lost_race' : outcomeOf(answer)
    })
  }

  const writes = createGroupCommit<Write, Outcome>({
    maxInFlight: options.maxWritesInFlight ?? 2,
    maxEvents: GROUP_MAX_EVENTS,
    streamOf: (write) => write.streamId,
    sizeOf: (write) => write.events.length,
    runOne: writeOne,
    runMany: writeMany,
  })

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
      const outcome = await writes.write({ streamId, events: chained, head })
      if (outcome === 'lost_race' || 'following' in outcome) {
        const seen = outcome === 'lost_race' ? undefined : outcome.following.at(-1)
        remember(streamId, seen && guessAt(seen))
        return outcome
      }
      const last = chained.at(-1)!
      remember(streamId, guessAt(last))
      return toPosition(outcome)
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
    const events = rows.map(toRecordedEvent)
    for (const event of events) followHead(event)
    return events
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
    const events = rows.map(toRecordedEvent)
    // A forward read to the end saw the head: a command that decides on it appends in one
    // statement, instead of being refused on this process's older guess and looking again.
    const last = events.at(-1)
    if (!backwards && limit === null && last !== undefined) remember(streamId, guessAt(last))
    return events
  }

  const many = multiStream({
    client,
    sql,
    clock,
    guessOf: (streamId) => heads.get(streamId),
    remember,
    // Many-stream appends look at the heads again on any refusal; they do not use what follows.
    writeMany: async (group) =>
      (await writeMany(group)).map((outcome) =>
        outcome !== 'lost_race' && 'following' in outcome ? 'lost_race' : outcome,
      ),
    lastPosition,
  })

  return {
    name,
    readStream,
    readStreams: many.readStreams,
    appendToStream: async (streamId, events, expected, context) => {
      const result = await appendOptimistically(streamId, events, expected, context, clock, steps(streamId))
      waker.notify()
      return result
    },
    appendToStreams: async (appends, context) => {
      const outcomes = await many.appendToStreams(appends, context)
      waker.notify()
      return outcomes
    },
    readAll,
    subscribeToAll: (subscribeOptions) =>
      pollingSubscription(readAll, subscribeOptions, waker, options.polling),
    close: () => client.close(),
  }
}
