import { existsSync } from 'node:fs'
import { join } from 'node:path'
import {
  type AuditSource,
  createEventStoreDbStore,
  type EventLog,
  logAuditSource,
  openSqlDatabase,
  openSqlEventLog,
  sqlAuditSource,
} from '@imtahan/adapters'
import { UsageError } from './io.js'

/**
 * Store selection for the auditor's commands: the same options and
 * environment variables as `imtahan serve` (serve/options.ts), so the
 * command an operator runs and the one an auditor runs name the same data.
 * To be merged with serve's parser; kept apart while both are written.
 */
export const STORE_OPTIONS = {
  store: { type: 'string' },
  'data-dir': { type: 'string' },
  'database-url': { type: 'string' },
  schema: { type: 'string' },
  'eventstore-url': { type: 'string' },
} as const

export const STORE_HELP = `  --store <kind>          pglite | postgres | eventstoredb   (IMTAHAN_STORE, default pglite)
  --data-dir <dir>        PGlite data folder, as given to serve  (IMTAHAN_DATA_DIR, default ./data)
  --database-url <url>    PostgreSQL connection string           (DATABASE_URL)
  --schema <name>         PostgreSQL / PGlite schema             (IMTAHAN_SCHEMA, default imtahan)
  --eventstore-url <url>  EventStoreDB connection string         (EVENTSTORE_CONNECTION_STRING)`

export type StoreArgs = {
  readonly store?: string | undefined
  readonly 'data-dir'?: string | undefined
  readonly 'database-url'?: string | undefined
  readonly schema?: string | undefined
  readonly 'eventstore-url'?: string | undefined
}

/** The log to read, an audit source over it, and how to let it go. */
export type OpenedLog = {
  readonly log: EventLog
  readonly source: AuditSource
  readonly close: () => Promise<void>
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

/** The PGlite folder inside a data dir, as `imtahan serve` lays it out (serve/backing.ts). */
const pgliteFolder = (dataDir: string) => join(dataDir, 'pglite')

/**
 * Opens the chosen store for reading only: SQL stores through the audit's
 * read-only log (no migration, no write), EventStoreDB through its client.
 * Options the user gave win over the environment, as in `serve`.
 */
export const openLogFromArgs = async (args: StoreArgs, env: NodeJS.ProcessEnv): Promise<OpenedLog> => {
  const kind = args.store ?? env.IMTAHAN_STORE ?? 'pglite'
  const schema = args.schema ?? env.IMTAHAN_SCHEMA ?? 'imtahan'
  if (kind === 'eventstoredb') {
    const url = args['eventstore-url'] ?? env.EVENTSTORE_CONNECTION_STRING
    if (url === undefined)
      throw new UsageError('--store eventstoredb needs --eventstore-url or EVENTSTORE_CONNECTION_STRING')
    const store = createEventStoreDbStore({ connectionString: url })
    return {
      log: store,
      source: logAuditSource(store, `EventStoreDB ${withoutPassword(url)}`),
      close: () => store.close(),
    }
  }
  if (kind !== 'pglite' && kind !== 'postgres')
    throw new UsageError(`--store must be one of pglite, postgres, eventstoredb, got "${kind}"`)
  let name: string
  let client: Awaited<ReturnType<typeof openSqlDatabase>>
  if (kind === 'postgres') {
    const url = args['database-url'] ?? env.DATABASE_URL
    if (url === undefined) throw new UsageError('--store postgres needs --database-url or DATABASE_URL')
    client = await openSqlDatabase({ kind: 'postgres', connectionString: url, poolSize: 2 })
    name = `PostgreSQL ${withoutPassword(url)} schema ${schema}`
  } else {
    const folder = pgliteFolder(args['data-dir'] ?? env.IMTAHAN_DATA_DIR ?? './data')
    // Opening a missing folder would create an empty database and audit it as clean.
    if (!existsSync(join(folder, 'PG_VERSION'))) throw new UsageError(`no PGlite database in ${folder}`)
    client = await openSqlDatabase({ kind: 'pglite', dataDir: folder })
    name = `PGlite ${folder} schema ${schema}`
  }
  try {
    const log = await openSqlEventLog(client, schema)
    return { log, source: sqlAuditSource(log, name), close: () => client.close() }
  } catch (error) {
    await client.close()
    throw error
  }
}
