import { pgliteSqlClient } from '../store/pglite/client.js'
import { poolSqlClient } from '../store/postgres/client.js'
import type { SqlClient } from '../store/sql/client.js'

export type SqlDatabaseOptions =
  /** A folder (created if missing), or in memory when `dataDir` is absent. */
  | { readonly kind: 'pglite'; readonly dataDir?: string }
  | {
      readonly kind: 'postgres'
      readonly connectionString: string
      readonly poolSize?: number
      /** `application_name` of the pool's connections, e.g. `imtahan serve`. */
      readonly applicationName?: string
      /** Told when an idle connection is lost; the pool opens a new one (store/postgres/pool.ts). */
      readonly onIdleError?: (error: Error) => void
    }

/**
 * One connection (pool) to the database the event store lives in, for
 * everything else that must live beside it: idempotency keys, checkpoints.
 * PGlite allows a single open instance per folder, so the server opens it
 * once here and hands the same client to `createSqlEventStore`; closing the
 * event store closes this client.
 *
 * The driver of the kind asked for (`pg` or `@electric-sql/pglite`, optional
 * peer dependencies) is loaded on the call, never when this package is imported.
 */
export const openSqlDatabase = async (options: SqlDatabaseOptions): Promise<SqlClient> => {
  if (options.kind === 'postgres') {
    const { connectionString, poolSize, applicationName, onIdleError } = options
    const { createPgPool } = await import('../store/postgres/pool.js')
    const pool = createPgPool({
      connectionString,
      ...(poolSize === undefined ? {} : { max: poolSize }),
      ...(applicationName === undefined ? {} : { applicationName }),
      ...(onIdleError === undefined ? {} : { onIdleError }),
    })
    return poolSqlClient(pool, true)
  }
  const { PGlite } = await import('@electric-sql/pglite')
  const db = options.dataDir === undefined ? new PGlite() : new PGlite(options.dataDir)
  await db.waitReady
  return pgliteSqlClient(db)
}
