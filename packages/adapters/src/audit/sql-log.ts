import type { SqlQuery } from '../store/sql/client.js'
import { quoteSchema } from '../store/sql/client.js'
import { type EventRow, statements, toRecordedEvent } from '../store/sql/statements.js'
import type { ChainHead } from './check.js'
import type { EventLog } from './log.js'
import { readWholeLog } from './log.js'
import type { AuditSource } from './source.js'

const MAX_BIGINT = '9223372036854775807'

/** The audit's own read-only view of a SQL event store (PostgreSQL or PGlite). */
export type SqlEventLog = EventLog & {
  readonly count: () => Promise<number>
  readonly heads: () => Promise<ReadonlyMap<string, ChainHead>>
}

/**
 * Reads a SQL event store with the store's own statements, without opening it
 * as a store: `createSqlEventStore` migrates (creates schema and tables),
 * and an auditor writes nothing — with read-only credentials it could not.
 * Fails clearly when the schema holds no event store, rather than auditing an
 * empty log and calling it clean.
 */
export const openSqlEventLog = async (sql: SqlQuery, schema: string): Promise<SqlEventLog> => {
  const s = quoteSchema(schema)
  const [found] = await sql.query<{ events: string | null; streams: string | null }>(
    'select to_regclass($1)::text as events, to_regclass($2)::text as streams',
    [`${s}.events`, `${s}.streams`],
  )
  if (found?.events == null || found.streams == null)
    throw new Error(`no imtahan event store in schema "${schema}" (tables events and streams not found)`)
  const text = statements(schema)
  const rows = async (query: string, params: readonly (string | null)[]) =>
    (await sql.query<EventRow>(query, params)).map(toRecordedEvent)
  const limit = (maxCount: number | undefined) => (maxCount === undefined ? null : String(maxCount))
  return {
    readAll: async (options = {}) => {
      const after = options.after
      return after === undefined || after.commit < 0n
        ? rows(text.readAll, [limit(options.maxCount)])
        : rows(text.readAllAfter, [
            limit(options.maxCount),
            after.commit.toString(),
            after.prepare.toString(),
          ])
    },
    readStream: async (streamId, options = {}) => {
      const from = options.fromRevision ?? 'start'
      if (options.direction === 'backwards') {
        const revision = from === 'end' || from === 'start' ? MAX_BIGINT : from.toString()
        return rows(text.readBackwards, [streamId, revision, limit(options.maxCount)])
      }
      if (from === 'end') return []
      return rows(text.readForwards, [
        streamId,
        from === 'start' ? '0' : from.toString(),
        limit(options.maxCount),
      ])
    },
    count: async () => {
      const [row] = await sql.query<{ n: string }>(`select count(*)::text as n from ${s}.events`)
      return Number(row?.n ?? 0)
    },
    heads: async () => {
      const found = await sql.query<{ stream_id: string; revision: string; last_hash: string }>(
        `select stream_id, revision::text as revision, last_hash from ${s}.streams`,
      )
      return new Map(
        found.map((row) => [row.stream_id, { revision: BigInt(row.revision), hash: row.last_hash }]),
      )
    },
  }
}

/** An audit of a SQL store: the events, their count for the progress bar, and the stored stream heads. */
export const sqlAuditSource = (log: SqlEventLog, name: string): AuditSource => ({
  name,
  events: () => readWholeLog(log),
  total: log.count,
  storedHeads: log.heads,
})
