import { parseArgs } from 'node:util'
import { API_KEY_ROLES, type ApiKeyRole, type ApiKeys } from '@imtahan/http'
import {
  oneOf,
  parseStoreSelection,
  STORE_KINDS,
  STORE_OPTIONS,
  type StoreSelection,
  storeHelp,
  UsageError,
} from '../store-options.js'

export { STORE_KINDS, type StoreKind, UsageError } from '../store-options.js'

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

export type ServeOptions = StoreSelection & {
  readonly host: string
  readonly port: number
  readonly logLevel: (typeof LOG_LEVELS)[number]
  readonly apiKeys: ApiKeys
  /** Mounts /dev/* (SMS, clock), runs a dev clock and accepts the dev API keys of roles with no key set. */
  readonly dev: boolean
  /** From IMTAHAN_SECRET; otherwise kept in the data dir (PGlite) or random (memory). */
  readonly secret: string | undefined
  /**
   * Decode and hash-check the events since the last start before listening; refuse to start on one that
   * does not (docs/operators.md); `--skip-log-check` turns it off.
   */
  readonly logCheck: boolean
  /** CAL-2: the operator's calendar year files (`--calendar`, `IMTAHAN_CALENDAR`); empty = the shipped files. */
  readonly calendarFiles?: readonly string[]
  /**
   * Reverse proxies whose `X-Forwarded-For` names the client (`--trust-proxy`,
   * `IMTAHAN_TRUST_PROXY`); none by default: the connection's address is the client.
   */
  readonly trustedProxies?: readonly string[]
  /** Origins whose browser pages may call the API (`--cors-origin`, `IMTAHAN_CORS_ORIGIN`); none by default. */
  readonly corsOrigins?: readonly string[]
  /** `/health/ready` answers 503 while a projection is more events behind the log (IMTAHAN_MAX_PROJECTION_LAG). */
  readonly maxProjectionLag?: number
}

/** Where `imtahan serve` listens without --port or PORT. */
export const DEFAULT_PORT = 3000

/** Accepted by the provider route in dev mode when no key is configured, so the README walkthrough works. */
export const DEV_PROVIDER_KEY = 'dev-payment-provider-key'

/**
 * Dev mode's well-known key per role, used for a role with no key configured,
 * printed at start; `--no-dev` (or a configured key) removes it.
 */
export const DEV_API_KEYS: Readonly<Record<ApiKeyRole, string>> = {
  payment_provider: DEV_PROVIDER_KEY,
  board: 'dev-examination-board-key',
  staff: 'dev-exam-staff-key',
  commission: 'dev-appeals-commission-key',
  auditor: 'dev-auditor-key',
}

export const SERVE_HELP = `usage: imtahan serve [options]

Serves the HTTP API (docs at /docs, OpenAPI at /openapi.json).

${storeHelp(STORE_KINDS)}
  --host <host>           interface to listen on                       (HOST, default 127.0.0.1)
  --port <n>              port                                         (PORT, default 3000)
  --log-level <level>     ${LOG_LEVELS.join(' | ')}  (LOG_LEVEL, default info)
  --api-key <role>=<key>  an API key for a role, repeatable            (IMTAHAN_API_KEY_<ROLE>=key[,key])
                          roles: ${API_KEY_ROLES.join(', ')}
  --no-dev                no /dev routes (SMS, clock) and no dev API keys
  --skip-log-check        start without checking the events written since the last start (docs/operators.md)
  --calendar <file>       a business-calendar year file, repeatable; replaces the shipped files
                          (IMTAHAN_CALENDAR=file[,file]; see docs/appeals.md)
  --trust-proxy <addr>    a reverse proxy whose X-Forwarded-For names the client, repeatable
                          (IMTAHAN_TRUST_PROXY=addr[,addr]; default none: the peer address counts)
  --cors-origin <origin>  a browser origin allowed to call the API (CORS), repeatable, e.g.
                          https://portal.example.az (IMTAHAN_CORS_ORIGIN=a[,b]; default none)
  -h, --help              this text

The server secret (FIN fingerprints, code hashes, tokens) comes from IMTAHAN_SECRET
(at least 32 characters); with PGlite it is otherwise generated once and kept in the
data folder. PostgreSQL and EventStoreDB need IMTAHAN_SECRET; several processes on one
database need the same one. /health/ready fails while a runner is more than
IMTAHAN_MAX_PROJECTION_LAG events (default 1000) behind (see docs/operators.md).
`

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

/** `--calendar` wins over IMTAHAN_CALENDAR (comma-separated), as every other option does over its variable. */
const calendarFilesOf = (given: readonly string[] | undefined, env: NodeJS.ProcessEnv): readonly string[] =>
  given !== undefined && given.length > 0
    ? given
    : (env.IMTAHAN_CALENDAR ?? '')
        .split(',')
        .map((file) => file.trim())
        .filter((file) => file !== '')

/** Repeated option values, or else a comma-separated variable. */
const listOf = (given: readonly string[] | undefined, variable: string | undefined): readonly string[] =>
  given !== undefined && given.length > 0
    ? given
    : (variable ?? '')
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== '')

/** An origin as a browser sends it: scheme, host and optional port, nothing else. */
const origin = (value: string): string => {
  if (
    !/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/.test(value) &&
    !/^https?:\/\/\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(value)
  )
    throw new UsageError(
      `--cors-origin takes an origin such as https://portal.example.az, got "${value.slice(0, 60)}"`,
    )
  return value
}

const port = (value: string): number => {
  const number = Number(value)
  if (!Number.isInteger(number) || number < 0 || number > 65535)
    throw new UsageError(`--port must be a number from 0 to 65535, got "${value}"`)
  return number
}

const maxLagOf = (value: string | undefined): { maxProjectionLag?: number } => {
  if (value === undefined) return {}
  const lag = Number(value)
  if (!Number.isInteger(lag) || lag < 0)
    throw new UsageError(`IMTAHAN_MAX_PROJECTION_LAG must be a whole number of events, got "${value}"`)
  return { maxProjectionLag: lag }
}

/** Command line first, then the environment, then the defaults. */
export const parseServeOptions = (args: readonly string[], env: NodeJS.ProcessEnv): ServeOptions | 'help' => {
  const { values } = parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: false,
    options: {
      ...STORE_OPTIONS,
      host: { type: 'string' },
      port: { type: 'string' },
      'log-level': { type: 'string' },
      'api-key': { type: 'string', multiple: true },
      'no-dev': { type: 'boolean' },
      'skip-log-check': { type: 'boolean' },
      calendar: { type: 'string', multiple: true },
      'trust-proxy': { type: 'string', multiple: true },
      'cors-origin': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) return 'help'
  return {
    ...parseStoreSelection(values, env),
    host: values.host ?? env.HOST ?? '127.0.0.1',
    port: port(values.port ?? env.PORT ?? String(DEFAULT_PORT)),
    logLevel: oneOf(LOG_LEVELS, values['log-level'] ?? env.LOG_LEVEL ?? 'info', '--log-level'),
    apiKeys: parseApiKeys(values['api-key'] ?? [], env),
    dev: values['no-dev'] !== true,
    secret: env.IMTAHAN_SECRET,
    logCheck: values['skip-log-check'] !== true,
    calendarFiles: calendarFilesOf(values.calendar, env),
    trustedProxies: listOf(values['trust-proxy'], env.IMTAHAN_TRUST_PROXY),
    corsOrigins: listOf(values['cors-origin'], env.IMTAHAN_CORS_ORIGIN).map(origin),
    ...maxLagOf(env.IMTAHAN_MAX_PROJECTION_LAG),
  }
}
