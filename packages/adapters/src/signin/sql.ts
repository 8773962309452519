import { quoteSchema, type SqlClient } from '../store/sql/client.js'
import { migrate } from '../store/sql/migrations.js'
import { type SignInSessionOptions, type SignInSessions, signInTokens } from './port.js'

const statements = (schema: string) => {
  const table = `${quoteSchema(schema)}.sign_in_sessions`
  return {
    issue: `insert into ${table} (token_hash, cabinet_id, expires_at, issued_at)
      values ($1, $2, $3::timestamptz, $4::timestamptz)`,
    resolve: `select cabinet_id from ${table} where token_hash = $1 and expires_at > $2::timestamptz`,
    revoke: `delete from ${table} where token_hash = $1`,
    revokeCabinet: `delete from ${table} where cabinet_id = $1 and token_hash <> $2`,
    purge: `delete from ${table} where expires_at <= $1::timestamptz returning 1 as purged`,
  }
}

/**
 * Sign-in sessions in the event store's database (PostgreSQL or PGlite). Each
 * call is one statement, so a revoke committed by one process is seen by the
 * next `resolve` of every other process: nothing is cached. Expiry compares
 * with the caller's clock, not the server's, so tests and every process
 * agree with their own `Clock`.
 */
export const createSqlSignInSessions = async (
  client: SqlClient,
  options: SignInSessionOptions & { readonly schema?: string },
): Promise<SignInSessions> => {
  const schema = options.schema ?? 'imtahan'
  await migrate(client, schema)
  const sql = statements(schema)
  const { secret, ttlSeconds, clock } = options
  const { create, hashOf, isOurs } = signInTokens(secret)
  return {
    issue: async (cabinetId) => {
      const now = clock.now()
      const token = create()
      const expiresAt = new Date(now.getTime() + ttlSeconds * 1000)
      await client.query(sql.issue, [hashOf(token), cabinetId, expiresAt.toISOString(), now.toISOString()])
      return { token, expiresAt }
    },
    resolve: async (token) => {
      if (!isOurs(token)) return undefined
      const [row] = await client.query<{ cabinet_id: string }>(sql.resolve, [
        hashOf(token),
        clock.now().toISOString(),
      ])
      return row?.cabinet_id
    },
    revoke: async (token) => {
      await client.query(sql.revoke, [hashOf(token)])
    },
    revokeCabinet: async (cabinetId, keep) => {
      // An empty string is no token's hash, so "keep nothing" needs no second statement.
      await client.query(sql.revokeCabinet, [cabinetId, keep === undefined ? '' : hashOf(keep)])
    },
    purgeExpired: async (now) => (await client.query(sql.purge, [now.toISOString()])).length,
  }
}
