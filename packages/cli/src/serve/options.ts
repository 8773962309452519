import { parseArgs } from 'node:util'
import { API_KEY_ROLES, type ApiKeyRole, type ApiKeys } from '@imtahan/http'

export const STORE_KINDS = ['memory', 'pglite', 'postgres', 'eventstoredb'] as const
export type StoreKind = (typeof STORE_KINDS)[number]

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

export type ServeOptions = {
  readonly store: StoreKind
  readonly dataDir: string
  readonly databaseUrl: string | undefined
  readonly schema: string
  readonly eventStoreUrl: string | undefined
  readonly host: string
  readonly port: number
  readonly logLevel: (typeof LOG_LEVELS)[number]
  readonly apiKeys: ApiKeys
  /** Mounts /dev/* and accepts the well-known dev provider key when no provider key is set. */
  readonly dev: boolean
  /** From IMTAHAN_SECRET; otherwise kept in the data dir (PGlite) or random (memory). */
  readonly secret: string | undefined
}

/** Accepted by the provider route in dev mode when no key is configured, so the README walkthrough works. */
export const DEV_PROVIDER_KEY = 'dev-payment-provider-key'

export const SERVE_HELP = `usage: imtahan serve [options]

Serves the HTTP API (docs at /docs, OpenAPI at /openapi.json).

  --store <kind>          memory | pglite | postgres | eventstoredb   (IMTAHAN_STORE, default pglite)
  --data-dir <dir>        PGlite folder                                (IMTAHAN_DATA_DIR, default ./data)
  --database-url <url>    PostgreSQL connection string                 (DATABASE_URL)
  --schema <name>         PostgreSQL schema                            (IMTAHAN_SCHEMA, default imtahan)
  --eventstore-url <url>  EventStoreDB connection string               (EVENTSTORE_CONNECTION_STRING)
  --host <host>           interface to listen on                       (HOST, default 127.0.0.1)
  --port <n>              port                                         (PORT, default 3000)
  --log-level <level>     ${LOG_LEVELS.join(' | ')}  (LOG_LEVEL, default info)
  --api-key <role>=<key>  an API key for a role, repeatable            (IMTAHAN_API_KEY_<ROLE>=key[,key])
                          roles: ${API_KEY_ROLES.join(', ')}
  --no-dev                no /dev routes and no default provider key
  -h, --help              this text

The server secret (FIN fingerprints, code hashes, tokens) comes from IMTAHAN_SECRET
(at least 32 characters); with PGlite it is otherwise generated once and kept in the
data folder. PostgreSQL and EventStoreDB need IMTAHAN_SECRET.
`

export class UsageError extends Error {
  override name = 'UsageError'
}

const oneOf = <T extends string>(list: readonly T[], value: string, what: string): T => {
  if ((list as readonly string[]).includes(value)) return value as T
  throw new UsageError(`${what} must be one of ${list.join(', ')}, got "${value}"`)
}

/** `role=key` pairs from the command line and IMTAHAN_API_KEY_<ROLE> (comma-separated) from the environment. */
export const parseApiKeys = (pairs: readonly string[], env: NodeJS.ProcessEnv): ApiKeys => {
  const keys = new Map<ApiKeyRole, string[]>()
  const add = (role: ApiKeyRole, key: string) => {
    if (key.length < 16) throw new UsageError(`the API key for ${role} must be at least 16 characters`)
    keys.set(role, [...(keys.get(role) ?? []), key])
  }
  for (const pair of pairs) {
    const at = pair.indexOf('=')
    if (at <= 0) throw new UsageError(`--api-key takes <role>=<key>, got "${pair.slice(0, 20)}"`)
    add(oneOf(API_KEY_ROLES, pair.slice(0, at), 'an API key role'), pair.slice(at + 1))
  }
  for (const role of API_KEY_ROLES) {
    const value = env[`IMTAHAN_API_KEY_${role.toUpperCase()}`]
    for (const key of value?.split(',') ?? []) if (key.trim() !== '') add(role, key.trim())
  }
  return Object.fromEntries(keys)
}

const port = (value: string): number => {
  const number = Number(value)
  if (!Number.isInteger(number) || number < 0 || number > 65535)
    throw new UsageError(`--port must be a number from 0 to 65535, got "${value}"`)
  return number
}

/** Command line first, then the environment, then the defaults. */
export const parseServeOptions = (args: readonly string[], env: NodeJS.ProcessEnv): ServeOptions | 'help' => {
  const { values } = parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: false,
    options: {
      store: { type: 'string' },
      'data-dir': { type: 'string' },
      'database-url': { type: 'string' },
      schema: { type: 'string' },
      'eventstore-url': { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      'log-level': { type: 'string' },
      'api-key': { type: 'string', multiple: true },
      'no-dev': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) return 'help'
  const store = oneOf(STORE_KINDS, values.store ?? env.IMTAHAN_STORE ?? 'pglite', '--store')
  const options: ServeOptions = {
    store,
    dataDir: values['data-dir'] ?? env.IMTAHAN_DATA_DIR ?? './data',
    databaseUrl: values['database-url'] ?? env.DATABASE_URL,
    schema: values.schema ?? env.IMTAHAN_SCHEMA ?? 'imtahan',
    eventStoreUrl: values['eventstore-url'] ?? env.EVENTSTORE_CONNECTION_STRING,
    host: values.host ?? env.HOST ?? '127.0.0.1',
    port: port(values.port ?? env.PORT ?? '3000'),
    logLevel: oneOf(LOG_LEVELS, values['log-level'] ?? env.LOG_LEVEL ?? 'info', '--log-level'),
    apiKeys: parseApiKeys(values['api-key'] ?? [], env),
    dev: values['no-dev'] !== true,
    secret: env.IMTAHAN_SECRET,
  }
  if (store === 'postgres' && options.databaseUrl === undefined)
    throw new UsageError('--store postgres needs --database-url or DATABASE_URL')
  if (store === 'eventstoredb' && options.eventStoreUrl === undefined)
    throw new UsageError('--store eventstoredb needs --eventstore-url or EVENTSTORE_CONNECTION_STRING')
  return options
}
