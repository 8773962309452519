import { join } from 'node:path'
import {
  type CheckpointStore,
  createEventStoreDbStore,
  createMemoryCheckpointStore,
  createMemoryEventStore,
  createMemoryIdempotencyStore,
  createSqlCheckpointStore,
  createSqlEventStore,
  createSqlIdempotencyStore,
  type EventStore,
  type IdempotencyStore,
  openSqlDatabase,
} from '@imtahan/adapters'
import type { ServeOptions } from './options.js'

/** The database gets a folder of its own inside the data dir, beside the server secret (secret.ts). */
export const pgliteFolder = (dataDir: string): string => join(dataDir, 'pglite')

/** The event store and what lives beside it; closing the store closes the rest. */
export type Backing = {
  readonly store: EventStore
  readonly idempotency: IdempotencyStore
  readonly checkpoints: CheckpointStore
  /** Where the data is, for the start-up message; never a password. */
  readonly where: string
}

const withoutPassword = (url: string): string => {
  try {
    const parsed = new URL(url)
    if (parsed.password !== '') parsed.password = '***'
    return parsed.toString()
  } catch {
    return '(connection string)'
  }
}

/**
 * With PostgreSQL or PGlite, idempotency keys and the process checkpoint are
 * tables in the same database (PGlite: the same single connection, which
 * is all a folder allows). EventStoreDB and memory keep them in memory: keys
 * are then forgotten on restart, and the process runner replays the log,
 * which its derived ids make harmless.
 */
export const openBacking = async (options: ServeOptions): Promise<Backing> => {
  switch (options.store) {
    case 'memory':
      return {
        store: createMemoryEventStore(),
        idempotency: createMemoryIdempotencyStore(),
        checkpoints: createMemoryCheckpointStore(),
        where: 'memory (lost on exit)',
      }
    case 'eventstoredb':
      return {
        store: createEventStoreDbStore({ connectionString: options.eventStoreUrl ?? '' }),
        idempotency: createMemoryIdempotencyStore(),
        checkpoints: createMemoryCheckpointStore(),
        where: `EventStoreDB ${withoutPassword(options.eventStoreUrl ?? '')}`,
      }
    default: {
      const postgres = options.store === 'postgres'
      const client = await openSqlDatabase(
        postgres
          ? { kind: 'postgres', connectionString: options.databaseUrl ?? '' }
          : { kind: 'pglite', dataDir: pgliteFolder(options.dataDir) },
      )
      try {
        const schema = options.schema
        const store = await createSqlEventStore(options.store, client, { schema })
        return {
          store,
          idempotency: await createSqlIdempotencyStore(client, { schema }),
          checkpoints: await createSqlCheckpointStore(client, schema),
          where: postgres
            ? `PostgreSQL ${withoutPassword(options.databaseUrl ?? '')} schema ${schema}`
            : `PGlite ${pgliteFolder(options.dataDir)}`,
        }
      } catch (error) {
        await client.close()
        throw error
      }
    }
  }
}
