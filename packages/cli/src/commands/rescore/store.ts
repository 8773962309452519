import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { createSqlEventStore, type EventStore, openSqlDatabase, openSqlEventLog } from '@imtahan/adapters'
import {
  describeStore,
  parseStoreSelection,
  pgliteFolder,
  type StoreArgs,
  type StoreKind,
  UsageError,
} from '../../store-options.js'

/** A memory store holds nothing to re-score: the stores that persist, as for `audit`. */
export const RESCORE_STORES: readonly StoreKind[] = ['pglite', 'postgres', 'eventstoredb']

export const RESCORE_APPLICATION_NAME = 'imtahan rescore'

/**
 * Opens the chosen store for `--apply`, writable, as `serve` does
 * (serve/backing.ts: the SQL stores migrate on open) — but only a store that
 * is there: a missing PGlite folder or a schema without an event store is
 * refused before anything is created, so a typo never yields a fresh empty
 * store that "needed nothing".
 */
export const openWritableStore = async (
  args: StoreArgs,
  env: NodeJS.ProcessEnv,
): Promise<{ readonly store: EventStore; readonly where: string }> => {
  const selection = parseStoreSelection(args, env, RESCORE_STORES)
  const where = describeStore(selection)
  if (selection.store === 'eventstoredb') {
    // Loaded on use: the EventStoreDB client (gRPC) is ~2 MB of JavaScript the other stores never need.
    const { createEventStoreDbStore } = await import('@imtahan/adapters/eventstoredb')
    return { store: createEventStoreDbStore({ connectionString: selection.eventStoreUrl ?? '' }), where }
  }
  const postgres = selection.store === 'postgres'
  const folder = pgliteFolder(selection.dataDir)
  if (!postgres && !existsSync(join(folder, 'PG_VERSION')))
    throw new UsageError(`no PGlite database in ${folder}`)
  const client = await openSqlDatabase(
    postgres
      ? {
          kind: 'postgres',
          connectionString: selection.databaseUrl ?? '',
          applicationName: RESCORE_APPLICATION_NAME,
        }
      : { kind: 'pglite', dataDir: folder },
  )
  try {
    await openSqlEventLog(client, selection.schema)
    return { store: await createSqlEventStore(selection.store, client, { schema: selection.schema }), where }
  } catch (error) {
    await client.close()
    throw error
  }
}
