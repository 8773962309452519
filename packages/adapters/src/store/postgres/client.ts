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

const queryOn = (target: pg.Pool | pg.PoolClient): SqlQuery['query'] =>
  (async <R extends SqlRow>(text: string, params: readonly SqlParam[] = []) => {
    // Only parameterised statements are the hot path; DDL and one-offs stay unnamed.
    const config = params.length > 0 ? { name: statementName(text), text, values: [...params] } : { text }
    return (await target.query<R>(config)).rows
  }) as SqlQuery['query']

/** `SqlClient` over a `pg` pool: statements run on any free connection, a transaction holds one. */
export const poolSqlClient = (pool: pg.Pool, ownsPool: boolean): SqlClient => ({
  query: queryOn(pool),
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
