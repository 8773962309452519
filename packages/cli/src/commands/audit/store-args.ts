import { existsSync } from 'node:fs'
import { join } from 'node:path'
import {
  type AuditSource,
  type EventLog,
  logAuditSource,
  openSqlDatabase,
  openSqlEventLog,
  sqlAuditSource,
} from '@imtahan/adapters'
import {
  describeStore,
  parseStoreSelection,
  pgliteFolder,
  type StoreArgs,
  type StoreKind,
  type StoreSelection,
  storeHelp,
  UsageError,
} from '../../store-options.js'

export { STORE_OPTIONS, type StoreArgs } from '../../store-options.js'

/** A memory store has nothing to read: the auditor's commands take the stores that persist. */
const READABLE: readonly StoreKind[] = ['pglite', 'postgres', 'eventstoredb']

export const STORE_HELP = storeHelp(READABLE)

/** The log to read, an audit source over it, and how to let it go. */
export type OpenedLog = {
  readonly log: EventLog
  readonly source: AuditSource
  readonly close: () => Promise<void>
}

/** The SQL database of a selection (PostgreSQL, or an existing PGlite folder), for the operator's commands. */
export const openSqlClient = async (selection: StoreSelection, applicationName: string) => {
  if (selection.store === 'postgres')
    return openSqlDatabase({
      kind: 'postgres',
      connectionString: selection.databaseUrl ?? '',
      poolSize: 2,
      applicationName,
    })
  const folder = pgliteFolder(selection.dataDir)
  // Opening a missing folder would create an empty database and report on it as clean.
  if (!existsSync(join(folder, 'PG_VERSION'))) throw new UsageError(`no PGlite database in ${folder}`)
  return openSqlDatabase({ kind: 'pglite', dataDir: folder })
}

/**
 * Opens the chosen store for reading only: SQL stores through the audit's
 * read-only log (no migration, no write — with read-only credentials it
 * could not), EventStoreDB through its client. The options are parsed as for
 * `serve` (store-options.ts), so both name the same data.
 */
export const openLogFromArgs = async (args: StoreArgs, env: NodeJS.ProcessEnv): Promise<OpenedLog> => {
  const selection = parseStoreSelection(args, env, READABLE)
  const name = describeStore(selection)
  if (selection.store === 'eventstoredb') {
    // Loaded on use: the EventStoreDB client (gRPC) is ~2 MB of JavaScript the other stores never need.
    const { createEventStoreDbStore } = await import('@imtahan/adapters/eventstoredb')
    const store = createEventStoreDbStore({ connectionString: selection.eventStoreUrl ?? '' })
    return { log: store, source: logAuditSource(store, name), close: () => store.close() }
  }
  const client = await openSqlClient(selection, 'imtahan audit')
  try {
    const log = await openSqlEventLog(client, selection.schema)
    return { log, source: sqlAuditSource(log, name), close: () => client.close() }
  } catch (error) {
    await client.close()
    throw error
  }
}
