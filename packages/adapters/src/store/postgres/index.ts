import pg from 'pg'
import type { EventStore } from '../port.js'
import { quoteSchema } from '../sql/client.js'
import { createSqlEventStore, type SqlEventStoreOptions } from '../sql/store.js'
import { poolSqlClient } from './client.js'
import { createPgPool } from './pool.js'

export type PostgresEventStoreOptions = SqlEventStoreOptions &
  (
    | {
        /** e.g. `postgres://user:password@host:5432/imtahan`. */
        readonly connectionString: string
        /** Connections in the pool (default 10): concurrent appends each need one. */
        readonly poolSize?: number
        /** `application_name` of its connections (see pool.ts). */
        readonly applicationName?: string
      }
    | {
        /** A pool the caller owns; `close()` leaves it open. */
        readonly pool: pg.Pool
      }
  )

/**
 * The event store on PostgreSQL (13 or newer: it needs `xid8` and
 * `pg_current_snapshot`). Migrates its schema on start-up.
 */
export const createPostgresEventStore = async (options: PostgresEventStoreOptions): Promise<EventStore> => {
  const ownsPool = !('pool' in options)
  const pool =
    'pool' in options
      ? options.pool
      : createPgPool({
          connectionString: options.connectionString,
          ...(options.poolSize === undefined ? {} : { max: options.poolSize }),
          ...(options.applicationName === undefined ? {} : { applicationName: options.applicationName }),
        })
  try {
    return await createSqlEventStore('postgres', poolSqlClient(pool, ownsPool), options)
  } catch (error) {
    if (ownsPool) await pool.end()
    throw error
  }
}

/** Drops a schema and everything in it: for tests and benchmarks that made their own. */
export const dropPostgresSchema = async (connectionString: string, schema: string): Promise<void> => {
  const pool = new pg.Pool({ connectionString, max: 1 })
  try {
    await pool.query(`drop schema if exists ${quoteSchema(schema)} cascade`)
  } finally {
    await pool.end()
  }
}

export { poolSqlClient } from './client.js'
export { createPgPool, type PgPoolOptions } from './pool.js'
