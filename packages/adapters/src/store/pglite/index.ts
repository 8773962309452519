import { PGlite } from '@electric-sql/pglite'
import type { EventStore } from '../port.js'
import { createSqlEventStore, type SqlEventStoreOptions } from '../sql/store.js'
import { pgliteSqlClient } from './client.js'

export type PgliteEventStoreOptions = SqlEventStoreOptions & {
  /** A folder to keep the database in (created if missing); in memory when absent. */
  readonly dataDir?: string
}

/**
 * The zero-setup store: PostgreSQL compiled to WebAssembly, in this process.
 * Same SQL, same migrations and same gapless order as PostgreSQL; one
 * connection, so appends are serialised and a second process must not open
 * the same folder.
 */
export const createPgliteEventStore = async (options: PgliteEventStoreOptions = {}): Promise<EventStore> => {
  const db = options.dataDir === undefined ? new PGlite() : new PGlite(options.dataDir)
  await db.waitReady
  try {
    // One connection: a second statement in flight would only wait for the first, instead of joining the next group.
    return await createSqlEventStore('pglite', pgliteSqlClient(db), { maxWritesInFlight: 1, ...options })
  } catch (error) {
    await db.close()
    throw error
  }
}
