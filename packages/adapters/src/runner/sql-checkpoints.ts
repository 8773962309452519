import { quoteSchema, type SqlClient, type SqlQuery } from '../store/sql/client.js'
import type { CheckpointStore } from './checkpoints.js'

/**
 * Checkpoints in the event store's own database (PostgreSQL or PGlite), one
 * row per runner. Positions go in and out as text: a PostgreSQL `commit` is a
 * transaction id (`xid8`, unsigned 64-bit), which neither a JS number nor a
 * signed `bigint` column holds safely, hence `numeric(20)`.
 */
export const checkpointStatements = (schema: string) => {
  const s = quoteSchema(schema)
  return {
    create: `create table if not exists ${s}.checkpoints (
        name text primary key,
        commit_position numeric(20) not null,
        prepare_position numeric(20) not null,
        saved_at timestamptz not null default now()
      )`,
    load: `select commit_position::text as commit, prepare_position::text as prepare
      from ${s}.checkpoints where name = $1`,
    save: `insert into ${s}.checkpoints (name, commit_position, prepare_position)
      values ($1, $2::numeric, $3::numeric)
      on conflict (name) do update set commit_position = excluded.commit_position,
        prepare_position = excluded.prepare_position, saved_at = now()`,
  }
}

/** Creates the table if missing; safe to call from every process at start-up. */
export const ensureCheckpointTable = (client: SqlClient, schema: string): Promise<void> =>
  client.transaction(async (tx) => {
    // Two starters running `create table if not exists` at once can still collide; the lock queues them.
    await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`imtahan.checkpoints.${schema}`])
    await tx.query(`create schema if not exists ${quoteSchema(schema)}`)
    await tx.query(checkpointStatements(schema).create)
  })

/**
 * A checkpoint store over any SQL connection. Pass a transaction (`tx`) to
 * save a projection's rows and its checkpoint atomically, which turns its
 * at-least-once delivery into effectively-once.
 */
export const sqlCheckpointStore = (sql: SqlQuery, schema: string): CheckpointStore => {
  const text = checkpointStatements(schema)
  return {
    load: async (name) => {
      const [row] = await sql.query<{ commit: string; prepare: string }>(text.load, [name])
      return row === undefined ? undefined : { commit: BigInt(row.commit), prepare: BigInt(row.prepare) }
    },
    save: async (name, position) => {
      await sql.query(text.save, [name, position.commit.toString(), position.prepare.toString()])
    },
  }
}

/** Ensures the table, then gives the store. */
export const createSqlCheckpointStore = async (
  client: SqlClient,
  schema: string,
): Promise<CheckpointStore> => {
  await ensureCheckpointTable(client, schema)
  return sqlCheckpointStore(client, schema)
}
