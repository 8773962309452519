import { quoteSchema, type SqlClient, type SqlQuery } from '../store/sql/client.js'
import {
  type BeginResult,
  DEFAULT_IDEMPOTENCY_POLICY,
  type IdempotencyKey,
  type IdempotencyPolicy,
  type IdempotencyRecord,
  type IdempotencyStore,
  judgeExisting,
  purgeSchedule,
  REQUEST_HASH_SCHEME,
  type StoredOutcome,
} from './port.js'

const statements = (schema: string) => {
  const table = `${quoteSchema(schema)}.idempotency_keys`
  return {
    create: `create table if not exists ${table} (
        scope text not null,
        key text not null,
        request_hash text not null,
        outcome jsonb,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        primary key (scope, key)
      )`,
    insert: `insert into ${table} (scope, key, request_hash, created_at, updated_at)
      values ($1, $2, $3, $4::timestamptz, $4::timestamptz) on conflict (scope, key) do nothing
      returning 1 as inserted`,
    lock: `select request_hash, outcome::text as outcome, created_at::text as created_at,
        updated_at::text as updated_at
      from ${table} where scope = $1 and key = $2 for update`,
    takeOver: `update ${table} set request_hash = $3, outcome = null, created_at = $4::timestamptz,
        updated_at = $4::timestamptz where scope = $1 and key = $2`,
    complete: `update ${table} set outcome = $4::jsonb, updated_at = $5::timestamptz
      where scope = $1 and key = $2 and request_hash = $3 and outcome is null`,
    heartbeat: `update ${table} set updated_at = greatest(updated_at, $4::timestamptz)
      where scope = $1 and key = $2 and request_hash = $3 and outcome is null returning 1 as renewed`,
    abandon: `delete from ${table} where scope = $1 and key = $2 and request_hash = $3 and outcome is null`,
    purge: `delete from ${table} where created_at < $1::timestamptz returning 1 as purged`,
    /**
     * Rows hashed before the keyed scheme: their unsalted hash over the body
     * gives the password away to a guess. Deleted, not rehashed (the body is
     * gone, so nothing could be rehashed): a retry of such a request runs
     * again, and its event ids, derived from the key, keep it from moving
     * money twice (docs/decisions.md, Security hardening).
     */
    retireOldHashes: `delete from ${table} where left(request_hash, ${REQUEST_HASH_SCHEME.length}) <> '${REQUEST_HASH_SCHEME}'`,
  }
}

type Row = { request_hash: string; outcome: string | null; created_at: string; updated_at: string }

const recordOf = (row: Row): IdempotencyRecord => ({
  requestHash: row.request_hash,
  outcome: row.outcome === null ? undefined : (JSON.parse(row.outcome) as StoredOutcome),
  createdAt: new Date(row.created_at),
  updatedAt: new Date(row.updated_at),
})

/** Creates the table if missing and retires rows of the old hash; safe to call from every process at start-up. */
export const ensureIdempotencyTable = (client: SqlClient, schema: string): Promise<void> =>
  client.transaction(async (tx: SqlQuery) => {
    // Two starters running `create table if not exists` at once can still collide; the lock queues them.
    await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`imtahan.idempotency.${schema}`])
    await tx.query(`create schema if not exists ${quoteSchema(schema)}`)
    await tx.query(statements(schema).create)
    await tx.query(statements(schema).retireOldHashes)
  })

/**
 * Idempotency keys in the event store's own database (PostgreSQL or PGlite),
 * so they survive a restart. `begin` inserts the key or, when it exists,
 * locks the row and judges it (the same `judgeExisting` as memory): two
 * requests with one key cannot both start.
 */
export const createSqlIdempotencyStore = async (
  client: SqlClient,
  options: { readonly schema?: string; readonly policy?: IdempotencyPolicy } = {},
): Promise<IdempotencyStore> => {
  const schema = options.schema ?? 'imtahan'
  const policy = options.policy ?? DEFAULT_IDEMPOTENCY_POLICY
  await ensureIdempotencyTable(client, schema)
  const sql = statements(schema)
  const params = (key: IdempotencyKey, requestHash: string) => [key.scope, key.key, requestHash]
  const purge = async (before: Date) => (await client.query(sql.purge, [before.toISOString()])).length
  const purgeNow = purgeSchedule(policy, purge)
  return {
    begin: (key, requestHash, now) => {
      purgeNow(now)
      return client.transaction(async (tx): Promise<BeginResult> => {
        const at = now.toISOString()
        const inserted = await tx.query(sql.insert, [...params(key, requestHash), at])
        if (inserted.length > 0) return { kind: 'started' }
        const [row] = await tx.query<Row>(sql.lock, [key.scope, key.key])
        // Purged between the two statements: answer "running", and the client's retry finds the key free.
        if (row === undefined) return { kind: 'in_progress' }
        const judged = judgeExisting(recordOf(row), requestHash, now, policy)
        if (judged.kind === 'started') await tx.query(sql.takeOver, [...params(key, requestHash), at])
        return judged
      })
    },
    complete: async (key, requestHash, outcome, now) => {
      await client.query(sql.complete, [
        ...params(key, requestHash),
        JSON.stringify(outcome),
        now.toISOString(),
      ])
    },
    heartbeat: async (key, requestHash, now) =>
      (await client.query(sql.heartbeat, [...params(key, requestHash), now.toISOString()])).length > 0,
    abandon: async (key, requestHash) => {
      await client.query(sql.abandon, params(key, requestHash))
    },
    purge,
  }
}
