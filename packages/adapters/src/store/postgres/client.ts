import { createHash } from 'node:crypto'
import type pg from 'pg'
import type { SqlClient, SqlParam, SqlQuery, SqlRow } from '../sql/client.js'

const names = new Map<string, string>()

/**
 * A stable name per statement text, so `pg` prepares each statement once per
 * connection and later runs skip parsing and planning.
 */
const statementName = (text: string): string => {
  let name = names.get(text)
  if (name === undefined) {
    name = `imtahan_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`
    names.set(text, name)
  }
  return name
}

const queryOn = (target: pg.PoolClient): SqlQuery['query'] =>
  (async <R extends SqlRow>(text: string, params: readonly SqlParam[] = []) => {
    // Only parameterised statements are the hot path; DDL and one-offs stay unnamed.
    const config = params.length > 0 ? { name: statementName(text), text, values: [...params] } : { text }
    return (await target.query<R>(config)).rows
  }) as SqlQuery['query']

/**
 * `use` on a connection checked out for it. While it is out, the
 * connection's `error` event is ours to hear: the server ending it (a
 * restart, `pg_terminate_backend`) fails the running statement *and* emits
 * `error`, which unheard would end the process. A connection that died, or
 * (`discardOnFailure`) whose work failed, is released with the error, so
 * the pool closes it instead of handing it out again.
 */
const checkedOut = async <T>(
  pool: pg.Pool,
  use: (connection: pg.PoolClient) => Promise<T>,
  discardOnFailure: boolean,
): Promise<T> => {
  const connection = await pool.connect()
  let lost: Error | undefined
  const onError = (error: Error) => {
    lost = error
  }
  connection.on('error', onError)
  let failure: Error | undefined
  try {
    return await use(connection)
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error))
    throw error
  } finally {
    connection.removeListener('error', onError)
    connection.release(lost ?? (discardOnFailure ? failure : undefined))
  }
}

/** `SqlClient` over a `pg` pool: statements run on any free connection, a transaction holds one. */
export const poolSqlClient = (pool: pg.Pool, ownsPool: boolean): SqlClient => ({
  // One statement on a connection of its own, discarded if the statement fails (as `pool.query`
  // does). Not `pool.query` itself: that leaves its answer reachable from the idle connection
  // (pg-pool's release closure holds the callback that resolved it) until the connection's next
  // checkout, so a board's read of a 100,000-session sitting kept ~0.9 GB alive in a quiet process,
  // and every major GC marked it again.
  query: (text, params) => checkedOut(pool, (connection) => queryOn(connection)(text, params), true),
  transaction: (fn) =>
    checkedOut(
      pool,
      async (connection) => {
        try {
          await connection.query('begin')
          const result = await fn({ query: queryOn(connection) })
          await connection.query('commit')
          return result
        } catch (error) {
          await connection.query('rollback').catch(() => {})
          throw error
        }
      },
      false,
    ),
  close: async () => {
    if (ownsPool) await pool.end()
  },
})
