import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { getConnInfo } from '@hono/node-server/conninfo'
import {
  createDevSmsSender,
  createFinFingerprint,
  createFixtureRegistry,
  createHmacCodeHasher,
  createImtahan,
  createLogger,
  createScryptPasswordHasher,
  type DevClock,
  type Logger,
  systemClock,
} from '@imtahan/adapters'
import {
  type ApiKeyRole,
  type ApiKeys,
  createApp,
  createMetrics,
  deriveKey,
  instrumentEventStore,
} from '@imtahan/http'
import type pino from 'pino'
import { openBacking } from './backing.js'
import { loadServeCalendar } from './calendar.js'
import { openDevClock } from './dev-clock.js'
import { checkLogBeforeServing } from './log-check.js'
import { DEV_API_KEYS, type ServeOptions } from './options.js'
import { readinessOf } from './readiness.js'
import { loadServerSecret } from './secret.js'
import { openSignInState, type SignInState } from './shared-state.js'

export type RunningServer = {
  readonly url: string
  readonly providerKeyIsDev: boolean
  /** The dev API keys in use (dev mode, for roles with no key configured); empty with `--no-dev`. */
  readonly devKeys: Readonly<Partial<Record<ApiKeyRole, string>>>
  /** Dev mode's clock, moved by `POST /dev/clock`; undefined with `--no-dev` (the system clock). */
  readonly devClock: DevClock | undefined
  readonly logger: Logger
  /** Stops taking requests, lets the ones in flight finish (up to `graceMs`), stops the runners, closes the store. */
  readonly stop: (graceMs?: number) => Promise<void>
}

const DEFAULT_GRACE_MS = 10_000

/** In dev mode, each role with no key configured gets its well-known dev key; a configured key replaces it. */
const devKeysFor = (apiKeys: ApiKeys, dev: boolean): Partial<Record<ApiKeyRole, string>> =>
  dev
    ? Object.fromEntries(
        Object.entries(DEV_API_KEYS).filter(([role]) => (apiKeys[role as ApiKeyRole] ?? []).length === 0),
      )
    : {}

/**
 * `imtahan serve` without the process plumbing (signals, exit codes), so a
 * test can start and stop the real thing. The registry, SMS and payment
 * ports are the dev ones: real ones plug in here when they exist.
 */
export const startServer = async (
  options: ServeOptions,
  logDestination?: pino.DestinationStream,
): Promise<RunningServer> => {
  const logger = createLogger({ level: options.logLevel }, logDestination)
  const secret = await loadServerSecret(options.store, options.dataDir, options.secret)
  // Before the store opens: a bad calendar file refuses the start with nothing to undo.
  const { calendar } = await loadServeCalendar(options.calendarFiles ?? [], logger)
  const backing = await openBacking(options, logger)
  let signIn: SignInState
  try {
    signIn = await openSignInState(backing, secret, systemClock, logger, backing.leases)
    if (options.logCheck) await checkLogBeforeServing(backing.store, logger, backing.checkpoints)
    else
      logger.warn('log check skipped (--skip-log-check): an undecodable event will stop the process runner')
  } catch (error) {
    await backing.close()
    throw error
  }
  const sms = createDevSmsSender(logger)
  const metrics = createMetrics()
  const readiness = readinessOf(backing, options.maxProjectionLag)
  metrics.observe({
    holders: () => backing.leases.holders(),
    ...(readiness.lags === undefined ? {} : { lags: readiness.lags }),
  })
  const dev = options.dev ? await openDevClock(backing, logger, options.store === 'postgres') : undefined
  const devClock = dev?.clock
  const clock = devClock ?? systemClock
  const imtahan = createImtahan({
    store: instrumentEventStore(backing.store, metrics),
    registry: createFixtureRegistry(),
    sms,
    codesPerNumber: signIn.codesPerNumber,
    passwordHasher: createScryptPasswordHasher(),
    codeHasher: createHmacCodeHasher(deriveKey(secret, 'confirmation-codes')),
    finFingerprint: createFinFingerprint(deriveKey(secret, 'fin-fingerprint')),
    clock,
    checkpoints: backing.checkpoints,
    ...(backing.readModels === undefined ? {} : { readModels: backing.readModels }),
    leases: backing.leases,
    // PGlite and memory are one process by nature: nobody else writes, so nothing to follow.
    otherWriters: options.store === 'postgres' || options.store === 'eventstoredb',
    logger,
    calendar,
  })
  const devKeys = devKeysFor(options.apiKeys, options.dev)
  const apiKeys: ApiKeys = {
    ...options.apiKeys,
    ...Object.fromEntries(Object.entries(devKeys).map(([role, key]) => [role, [key]])),
  }
  const { app } = createApp({
    imtahan,
    clock,
    logger,
    idempotency: backing.idempotency,
    idempotencyPolicy: backing.idempotencyPolicy,
    sessions: signIn.sessions,
    throttle: signIn.throttle,
    metrics,
    readiness,
    secret,
    apiKeys,
    auditLog: backing.store,
    ...(options.dev ? { devSms: sms, devClock } : {}),
    corsOrigins: options.corsOrigins ?? [],
    clientAddress: {
      peerAddress: (c) => getConnInfo(c).remote.address,
      trustedProxies: options.trustedProxies ?? [],
    },
  })
  try {
    await imtahan.start()
  } catch (error) {
    await backing.close()
    throw error
  }
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const listening = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, () =>
      resolve(listening),
    )
    listening.once('error', reject)
  })
  const { port } = server.address() as AddressInfo
  const host = options.host.includes(':') ? `[${options.host}]` : options.host
  const url = `http://${host}:${port}`
  logger.info({ url, store: backing.where, dev: options.dev }, 'listening')

  let stopping: Promise<void> | undefined
  const stop = (graceMs = DEFAULT_GRACE_MS) => {
    stopping ??= (async () => {
      logger.info('shutting down: finishing requests in flight')
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      // Keep-alive connections would hold `close` open: drop each one as soon as it is idle (its
      // request answered), and after the grace period drop whatever is left.
      const dropIdle = () => ('closeIdleConnections' in server ? server.closeIdleConnections() : undefined)
      dropIdle()
      const sweeper = setInterval(dropIdle, 50)
      const grace = setTimeout(() => {
        if ('closeAllConnections' in server) server.closeAllConnections()
      }, graceMs)
      await closed
      clearInterval(sweeper)
      clearTimeout(grace)
      await imtahan.stop()
      signIn.stop()
      dev?.stop()
      await backing.close()
      logger.info('stopped')
    })()
    return stopping
  }
  return { url, providerKeyIsDev: devKeys.payment_provider !== undefined, devKeys, devClock, logger, stop }
}
