import { randomBytes, randomUUID } from 'node:crypto'
import {
  createDevSmsSender,
  createFinFingerprint,
  createFixtureRegistry,
  createHmacCodeHasher,
  createImtahan,
  createScryptPasswordHasher,
  createSqlCheckpointStore,
  createSqlEventStore,
  createSqlIdempotencyStore,
  createTestClock,
  logAuditSource,
  openSqlDatabase,
  runAudit,
} from '@imtahan/adapters'
import { dropPostgresSchema } from '@imtahan/adapters/postgres'
import { createApp } from '../../src/index.js'
import { captureLog, DATABASE_URL, PROVIDER_KEY } from '../support/app.js'

/**
 * The HTTP app over PostgreSQL with a pool whose connections carry an
 * `application_name` of their own, so a drill can kill exactly this app's
 * backends and nobody else's (test files run in parallel on one server).
 */
export const makeDrillApp = async () => {
  const connectionString = DATABASE_URL ?? ''
  const schema = `test_drill_${randomUUID().replace(/-/g, '').slice(0, 12)}`
  const applicationName = `imtahan-drill-${randomUUID().slice(0, 8)}`
  const idleErrors: string[] = []
  const client = await openSqlDatabase({
    kind: 'postgres',
    connectionString,
    poolSize: 4,
    applicationName,
    onIdleError: (error) => idleErrors.push('code' in error ? String(error.code) : error.message),
  })
  const store = await createSqlEventStore('postgres', client, { schema })
  const idempotency = await createSqlIdempotencyStore(client, { schema })
  const checkpoints = await createSqlCheckpointStore(client, schema)
  const sms = createDevSmsSender()
  const clock = createTestClock('2026-05-20T08:00:00Z')
  const log = captureLog()
  const imtahan = createImtahan({
    store,
    registry: createFixtureRegistry(),
    sms,
    passwordHasher: createScryptPasswordHasher({ N: 2 ** 10, r: 8, p: 1 }),
    codeHasher: createHmacCodeHasher(randomBytes(32)),
    finFingerprint: createFinFingerprint(randomBytes(32)),
    clock,
    checkpoints,
    logger: log.logger,
  })
  const { app } = createApp({
    imtahan,
    clock,
    logger: log.logger,
    idempotency,
    secret: randomBytes(32),
    apiKeys: { payment_provider: [PROVIDER_KEY] },
    devSms: sms,
  })
  /** The database administrator's own connections: they hold locks and kill backends. */
  const dba = await openSqlDatabase({ kind: 'postgres', connectionString, poolSize: 3 })
  return {
    app,
    imtahan,
    store,
    client,
    dba,
    log,
    schema,
    applicationName,
    idleErrors,
    /** The whole audit (hash chains, decoding, WAL-6 money) over what the drill left behind. */
    audit: () => runAudit(logAuditSource(store, schema)),
    close: async () => {
      await imtahan.stop()
      await store.close()
      await dba.close()
      await dropPostgresSchema(connectionString, schema)
    },
  }
}

export type DrillApp = Awaited<ReturnType<typeof makeDrillApp>>

/** Opens every connection the pool may use, so a kill also meets idle ones (the case that used to crash). */
export const warmPool = async ({ client }: DrillApp) => {
  await Promise.all([1, 2, 3].map(() => client.query('select pg_sleep(0.02)')))
}

/**
 * A transaction on the administrator's connection that holds a lock the
 * request under test will need (`lockSql`), until `release`. The request
 * then waits inside PostgreSQL, at a known statement, for as long as needed.
 */
export const holdLock = async ({ dba }: DrillApp, lockSql: string, params: string[] = []) => {
  let release = () => {}
  const released = new Promise<void>((resolve) => {
    release = resolve
  })
  let locked = () => {}
  const held = new Promise<void>((resolve) => {
    locked = resolve
  })
  const transaction = dba
    .transaction(async (tx) => {
      await tx.query(lockSql, params)
      locked()
      await released
      throw new RolledBack()
    })
    .catch((error) => {
      if (!(error instanceof RolledBack)) throw error
    })
  await Promise.race([held, transaction])
  return {
    release: async () => {
      release()
      await transaction
    },
  }
}

/** Ends the lock holder's transaction by rolling it back: it wrote nothing anyway. */
class RolledBack extends Error {}

/**
 * Waits until one of the app's backends is blocked on a lock — the request
 * has reached the statement the drill aims at. A condition, polled, with a
 * bound: never a sleep that hopes the request got there.
 */
export const blockedBackend = async ({ dba, applicationName }: DrillApp): Promise<void> => {
  for (let i = 0; i < 1000; i++) {
    const [row] = await dba.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity
        where datname = current_database() and application_name = $1 and wait_event_type = 'Lock'`,
      [applicationName],
    )
    if ((row?.n ?? 0) > 0) {
      return
    }
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  throw new Error('the request never blocked on the held lock: the drill aims at the wrong statement')
}

/**
 * Terminates this app's backends: `blocked` only the one parked on the lock
 * (a connection lost under one request), `all` every one, busy and idle (a
 * failover, or an operator's `pg_terminate_backend` on the application).
 */
export const killAppConnections = async (
  { dba, applicationName }: DrillApp,
  which: 'blocked' | 'all',
): Promise<number> => {
  const rows = await dba.query<{ killed: boolean }>(
    `select pg_terminate_backend(pid) as killed from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid() and application_name = $1
        and ($2 = 'all' or wait_event_type = 'Lock')`,
    [applicationName, which],
  )
  return rows.filter((row) => row.killed).length
}
