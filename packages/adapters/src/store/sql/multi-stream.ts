import type { Clock } from '../../ports/clock.js'
import type { StreamHead } from '../append-rules.js'
import { guessAt, type StreamGuess, type StreamSnapshot } from '../optimistic-append.js'
import { appendManyOptimistically, type ChainedWrite } from '../optimistic-append-many.js'
import type { EventContext, Position, RecordedEvent, StreamAppend, StreamRead } from '../port.js'
import { type SqlClient, sqlState } from './client.js'
import { type EventRow, type statements, toPosition, toRecordedEvent } from './statements.js'

type KnownId = { id: string; revision: string; position: string; transaction_id: string }
type HeadsRow = {
  stream_id: string
  revision: string | null
  last_hash: string | null
  known: KnownId[] | string
}

export type MultiStreamDeps = {
  readonly client: SqlClient
  readonly sql: ReturnType<typeof statements>
  readonly clock: Clock
  /** The store's head cache: read and fed here as by its single-stream appends. */
  readonly guessOf: (streamId: string) => StreamGuess | undefined
  readonly remember: (streamId: string, guess: StreamGuess | undefined) => void
  /** The group commit's multi-stream statement (one transaction), throwing as the driver does. */
  readonly writeMany: (
    writes: readonly ChainedWrite[],
  ) => Promise<readonly ({ position: string; transaction_id: string } | 'lost_race')[]>
  readonly lastPosition: (streamId: string) => Promise<Position>
}

/**
 * The SQL store's multi-stream read and append: one query reads every
 * stream, one statement (one transaction) appends to every stream still
 * where its writer expects it. A read to the end of a stream remembers its
 * head, so the append that usually follows (decide on what was read, write
 * there) goes out without looking again.
 */
export const multiStream = (deps: MultiStreamDeps) => {
  const { client, sql, clock, remember } = deps

  const readStreams = async (reads: readonly StreamRead[]) => {
    const rows = await client.query<EventRow>(sql.readStreams, [
      JSON.stringify(
        reads.map(({ streamId, fromRevision }) => ({
          stream_id: streamId,
          from_revision: (fromRevision ?? 0n).toString(),
        })),
      ),
    ])
    const streams = new Map<string, RecordedEvent[]>(reads.map(({ streamId }) => [streamId, []]))
    for (const row of rows) streams.get(row.stream_id)?.push(toRecordedEvent(row))
    for (const [streamId, events] of streams) {
      const last = events.at(-1)
      if (last !== undefined) remember(streamId, guessAt(last))
    }
    return streams as ReadonlyMap<string, readonly RecordedEvent[]>
  }

  const snapshots = async (
    wanted: readonly { readonly streamId: string; readonly ids: readonly string[] }[],
  ) => {
    const rows = await client.query<HeadsRow>(sql.heads, [
      JSON.stringify(wanted.map(({ streamId, ids }) => ({ stream_id: streamId, ids }))),
    ])
    const found = new Map<string, StreamSnapshot>()
    for (const row of rows) {
      const known: KnownId[] = typeof row.known === 'string' ? JSON.parse(row.known) : row.known
      const head: StreamHead = row.revision == null ? 'no_stream' : BigInt(row.revision)
      const lastHash = row.last_hash ?? null
      remember(row.stream_id, head === 'no_stream' ? undefined : { head, lastHash })
      found.set(row.stream_id, {
        head,
        lastHash,
        known: new Map(known.map((k) => [k.id, { revision: BigInt(k.revision), position: toPosition(k) }])),
        lastPosition: () => deps.lastPosition(row.stream_id),
      })
    }
    return found
  }

  const writeMany = async (writes: readonly ChainedWrite[]) => {
    let outcomes: Awaited<ReturnType<MultiStreamDeps['writeMany']>>
    try {
      outcomes = await deps.writeMany(writes)
    } catch (error) {
      // A unique violation: a racing writer, or (after a guess) an id already there. Looking again sorts it out.
      if (sqlState(error) !== '23505') throw error
      outcomes = writes.map(() => 'lost_race' as const)
    }
    return outcomes.map((outcome, index) => {
      const last = writes[index]!.events.at(-1)!
      remember(writes[index]!.streamId, outcome === 'lost_race' ? undefined : guessAt(last))
      return outcome === 'lost_race' ? outcome : toPosition(outcome)
    })
  }

  return {
    readStreams,
    appendToStreams: (appends: readonly StreamAppend[], context?: EventContext) =>
      appendManyOptimistically(appends, context, clock, {
        guess: ({ streamId, expected, expectedHash }) =>
          // The caller's hint names the very head it expects; the cache may be older or newer.
          typeof expected === 'bigint' && expectedHash !== undefined
            ? { head: expected, lastHash: expectedHash }
            : (deps.guessOf(streamId) ??
              (expected === 'no_stream' ? { head: 'no_stream', lastHash: null } : undefined)),
        snapshots,
        writeMany,
      }),
  }
}
