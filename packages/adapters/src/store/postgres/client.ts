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
 * One statement on a connection checked out for it. Not `pool.query`: that
 * leaves its answer reachable from the idle connection (pg-pool's release
 * closure holds the callback that resolved it) until the connection's next
 * checkout, so a board's read of a 100,000-session sitting kept ~0.9 GB
 * alive in a quiet process, and every major GC marked it again.
 */
const queryOnce =
  (pool: pg.Pool): SqlQuery['query'] =>
  async (text, params) => {
    const connection = await pool.connect()
    try {
      return await queryOn(connection)(text, params)
    } finally {
      connection.release()
    }
  }

/** `SqlClient` over a `pg` pool: statements run on any free connection, a transaction holds one. */
export const poolSqlClient = (pool: pg.Pool, ownsPool: boolean): SqlClient => ({
  query: queryOnce(pool),
  transaction: async (fn) => {
    const connection = await pool.connect()
    try {
      await connection.query('begin')
      const result = await fn({ query: queryOn(connection) })
      await connection.query('commit')
      return result
    } catch (error) {
      await connection.query('rollback').catch(() => {})
      throw error
    } finally {
      connection.release()
    }
  },
  close: async () => {
    if (ownsPool) await pool.end()
  },
})
