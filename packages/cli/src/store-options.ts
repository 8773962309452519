import { join } from 'node:path'

/**
 * Which store a command works on, parsed the same way for `serve`, `audit`
 * and `export`: the same options and environment variables name the same
 * data, whichever command an operator or an auditor runs. Opening differs —
 * `serve` migrates and writes (serve/backing.ts), the auditor's commands read
 * only (commands/audit/store-args.ts) — so this module only parses.
 */

export class UsageError extends Error {
  override name = 'UsageError'
}

export const STORE_KINDS = ['memory', 'pglite', 'postgres', 'eventstoredb'] as const
export type StoreKind = (typeof STORE_KINDS)[number]

/** The store options for `node:util` parseArgs; spread into a command's own. */
export const STORE_OPTIONS = {
  store: { type: 'string' },
  'data-dir': { type: 'string' },
  'database-url': { type: 'string' },
  schema: { type: 'string' },
  'eventstore-url': { type: 'string' },
} as const

/** What parseArgs gives for STORE_OPTIONS. */
export type StoreArgs = {
  readonly store?: string | undefined
  readonly 'data-dir'?: string | undefined
  readonly 'database-url'?: string | undefined
  readonly schema?: string | undefined
  readonly 'eventstore-url'?: string | undefined
}

export type StoreSelection = {
  readonly store: StoreKind
  /** The data folder as given; the PGlite database is in `pgliteFolder(dataDir)`. */
  readonly dataDir: string
  readonly databaseUrl: string | undefined
  /** The schema of the SQL stores (PostgreSQL and PGlite). */
  readonly schema: string
  readonly eventStoreUrl: string | undefined
}

/** The help lines of the store options, aligned with the commands' own. */
export const storeHelp = (kinds: readonly StoreKind[]): string =>
  `  --store <kind>          ${kinds.join(' | ')}   (IMTAHAN_STORE, default pglite)
  --data-dir <dir>        PGlite data folder                     (IMTAHAN_DATA_DIR, default ./data)
  --database-url <url>    PostgreSQL connection string           (DATABASE_URL)
  --schema <name>         PostgreSQL / PGlite schema             (IMTAHAN_SCHEMA, default imtahan)
  --eventstore-url <url>  EventStoreDB connection string         (EVENTSTORE_CONNECTION_STRING)`

export const oneOf = <T extends string>(list: readonly T[], value: string, what: string): T => {
  if ((list as readonly string[]).includes(value)) return value as T
  throw new UsageError(`${what} must be one of ${list.join(', ')}, got "${value}"`)
}

/** Command line first, then the environment, then the defaults; a store without its connection string is a usage error. */
export const parseStoreSelection = (
  args: StoreArgs,
  env: NodeJS.ProcessEnv,
  kinds: readonly StoreKind[] = STORE_KINDS,
): StoreSelection => {
  const selection: StoreSelection = {
    store: oneOf(kinds, args.store ?? env.IMTAHAN_STORE ?? 'pglite', '--store'),
    dataDir: args['data-dir'] ?? env.IMTAHAN_DATA_DIR ?? './data',
    databaseUrl: args['database-url'] ?? env.DATABASE_URL,
    schema: args.schema ?? env.IMTAHAN_SCHEMA ?? 'imtahan',
    eventStoreUrl: args['eventstore-url'] ?? env.EVENTSTORE_CONNECTION_STRING,
  }
  if (selection.store === 'postgres' && selection.databaseUrl === undefined)
    throw new UsageError('--store postgres needs --database-url or DATABASE_URL')
  if (selection.store === 'eventstoredb' && selection.eventStoreUrl === undefined)
    throw new UsageError('--store eventstoredb needs --eventstore-url or EVENTSTORE_CONNECTION_STRING')
  return selection
}

/** The database gets a folder of its own inside the data dir, beside the server secret (serve/secret.ts). */
export const pgliteFolder = (dataDir: string): string => join(dataDir, 'pglite')

/** A connection string fit for a log line or a report: never the password. */
export const withoutPassword = (url: string): string => {
  try {
    const parsed = new URL(url)
    if (parsed.password !== '') parsed.password = '***'
    return parsed.toString()
  } catch {
    return '(connection string)'
  }
}

/** Where the data is, for start-up lines and audit reports. */
export const describeStore = (selection: StoreSelection): string => {
  switch (selection.store) {
    case 'memory':
      return 'memory (lost on exit)'
    case 'eventstoredb':
      return `EventStoreDB ${withoutPassword(selection.eventStoreUrl ?? '')}`
    case 'postgres':
      return `PostgreSQL ${withoutPassword(selection.databaseUrl ?? '')} schema ${selection.schema}`
    default:
      return `PGlite ${pgliteFolder(selection.dataDir)} schema ${selection.schema}`
  }
}
