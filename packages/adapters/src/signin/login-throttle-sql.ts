import { quoteSchema, type SqlClient } from '../store/sql/client.js'
import { migrate } from '../store/sql/migrations.js'
import {
  afterFailure,
  DEFAULT_LOCKOUT_POLICY,
  type LoginThrottle,
  type LoginThrottleOptions,
  loginKeyOf,
  secondsLeft,
  type ThrottleEntry,
} from './login-throttle.js'

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
 * The login throttle in the event store's database (migration 5), so every
 * process counts the same failures. A failure is read-modify-write under a
 * row lock (`for update`), so two processes failing the same login at once
 * both count. Times are ms from the caller's clock, like the sign-in sessions.
 */
export const createSqlLoginThrottle = async (
  client: SqlClient,
  options: LoginThrottleOptions & { readonly schema?: string },
): Promise<LoginThrottle> => {
  const schema = options.schema ?? 'imtahan'
  await migrate(client, schema)
  const table = `${quoteSchema(schema)}.login_throttle`
  const policy = options.policy ?? DEFAULT_LOCKOUT_POLICY
  const keyOf = loginKeyOf(options.secret)
  const now = () => options.clock.now().getTime()
  const select = `select failures, last_failure_at::text, locked_until::text from ${table} where login_key = $1`
  return {
    retryAfter: async (login) => {
      const [row] = await client.query<Row>(select, [keyOf(login)])
      return secondsLeft(entryOf(row), now(), policy)
    },
    failed: async (login) => {
      const key = keyOf(login)
      await client.transaction(async (tx) => {
        // Insert-if-missing first, so there is always a row to lock: two first failures cannot both see none.
        await tx.query(
          `insert into ${table} (login_key, failures, last_failure_at, locked_until)
           values ($1, 0, 0, 0) on conflict (login_key) do nothing`,
          [key],
        )
        const [row] = await tx.query<Row>(`${select} for update`, [key])
        const next = afterFailure(entryOf(row), now(), policy)
        await tx.query(
          `update ${table} set failures = $2, last_failure_at = $3::bigint, locked_until = $4::bigint
           where login_key = $1`,
          [key, next.failures, String(next.lastFailureAt), String(next.lockedUntil)],
        )
      })
    },
    succeeded: async (login) => {
      await client.query(`delete from ${table} where login_key = $1`, [keyOf(login)])
    },
    purgeExpired: async (at) => {
      const t = at.getTime()
      const forgetBefore = t - policy.forgetAfterSeconds * 1000
      // The same rule as `isLive`, as one idempotent statement: safe for every process to run.
      const rows = await client.query(
        `delete from ${table} where last_failure_at <= $1::bigint and locked_until <= $2::bigint
         returning 1 as purged`,
        [String(forgetBefore), String(t)],
      )
      return rows.length
    },
  }
}
