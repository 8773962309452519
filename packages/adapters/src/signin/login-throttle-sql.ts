import { quoteSchema, type SqlClient } from '../store/sql/client.js'
import { migrate } from '../store/sql/migrations.js'
import { afterFailure, secondsLeft, type ThrottleCounters, type ThrottleEntry } from './login-throttle.js'

type Row = { failures: number; last_failure_at: string; locked_until: string }

const entryOf = (row: Row | undefined): ThrottleEntry | undefined =>
  row === undefined
    ? undefined
    : {
        failures: Number(row.failures),
        lastFailureAt: Number(row.last_failure_at),
        lockedUntil: Number(row.locked_until),
      }

/**
 * The sign-in counters in the event store's database (migration 5), so every
 * process counts the same failures. A failure is read-modify-write under a
 * row lock (`for update`), so two processes failing the same key at once
 * both count. Times are ms of the caller's clock, like the sign-in sessions.
 */
export const createSqlThrottleCounters = async (
  client: SqlClient,
  options: { readonly schema?: string } = {},
): Promise<ThrottleCounters> => {
  const schema = options.schema ?? 'imtahan'
  await migrate(client, schema)
  const table = `${quoteSchema(schema)}.login_throttle`
  const select = `select failures, last_failure_at::text, locked_until::text from ${table} where login_key = $1`
  return {
    retryAfter: async (key, now, policy) => {
      const [row] = await client.query<Row>(select, [key])
      return secondsLeft(entryOf(row), now.getTime(), policy)
    },
    failed: async (key, now, policy) => {
      await client.transaction(async (tx) => {
        // Insert-if-missing first, so there is always a row to lock: two first failures cannot both see none.
        await tx.query(
          `insert into ${table} (login_key, failures, last_failure_at, locked_until)
           values ($1, 0, 0, 0) on conflict (login_key) do nothing`,
          [key],
        )
        const [row] = await tx.query<Row>(`${select} for update`, [key])
        const next = afterFailure(entryOf(row), now.getTime(), policy)
        await tx.query(
          `update ${table} set failures = $2, last_failure_at = $3::bigint, locked_until = $4::bigint
           where login_key = $1`,
          [key, next.failures, String(next.lastFailureAt), String(next.lockedUntil)],
        )
      })
    },
    clear: async (key) => {
      await client.query(`delete from ${table} where login_key = $1`, [key])
    },
    purgeExpired: async (now, forgetAfterSeconds) => {
      const t = now.getTime()
      // The same rule as `isLive`, as one idempotent statement: safe for any process to run.
      const rows = await client.query(
        `delete from ${table} where last_failure_at <= $1::bigint and locked_until <= $2::bigint
         returning 1 as purged`,
        [String(t - forgetAfterSeconds * 1000), String(t)],
      )
      return rows.length
    },
  }
}
