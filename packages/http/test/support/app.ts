import { randomBytes, randomUUID } from 'node:crypto'
import {
  createDevSmsSender,
  createFinFingerprint,
  createFixtureRegistry,
  createHmacCodeHasher,
  createImtahan,
  createLogger,
  createMemoryEventStore,
  createMemoryIdempotencyStore,
  createScryptPasswordHasher,
  createSqlEventStore,
  createSqlIdempotencyStore,
  createTestClock,
  type EventStore,
  type IdempotencyStore,
  openSqlDatabase,
} from '@imtahan/adapters'
import { dropPostgresSchema } from '@imtahan/adapters/postgres'
import { type AppOptions, createApp } from '../../src/index.js'

export const DATABASE_URL = process.env.DATABASE_URL
export const skipWithoutDatabase =
  'PostgreSQL (DATABASE_URL not set — skipped, e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/test)'

export const PROVIDER_KEY = 'test-provider-key-0123456789abcdef'

/** Where the events and idempotency keys live in a test: always a real store, never a stand-in. */
export type Backing = 'memory' | 'pglite' | 'postgres'

const openBacking = async (
  backing: Backing,
): Promise<{ store: EventStore; idempotency: IdempotencyStore; cleanup: () => Promise<void> }> => {
  if (backing === 'memory') {
    const store = createMemoryEventStore()
    return { store, idempotency: createMemoryIdempotencyStore(), cleanup: () => store.close() }
  }
  if (backing === 'pglite') {
    const client = await openSqlDatabase({ kind: 'pglite' })
    const store = await createSqlEventStore('pglite', client)
    return { store, idempotency: await createSqlIdempotencyStore(client), cleanup: () => store.close() }
  }
  // PostgreSQL: a schema of its own per test run, dropped afterwards.
  const connectionString = DATABASE_URL ?? ''
  const schema = `test_http_${randomUUID().replace(/-/g, '').slice(0, 12)}`
  const client = await openSqlDatabase({ kind: 'postgres', connectionString, poolSize: 4 })
  const store = await createSqlEventStore('postgres', client, { schema })
  return {
    store,
    idempotency: await createSqlIdempotencyStore(client, { schema }),
    cleanup: async () => {
      await store.close()
      await dropPostgresSchema(connectionString, schema)
    },
  }
}

/** Every line the app logs, kept to check what reached the log. */
export const captureLog = () => {
  const lines: string[] = []
  const logger = createLogger({ level: 'debug' }, { write: (line: string) => void lines.push(line) })
  return { logger, lines, text: () => lines.join('') }
}

/** The HTTP app over a real store with the dev ports; a cheap scrypt cost keeps tests fast. */
export const makeHttp = async (backing: Backing = 'memory', overrides: Partial<AppOptions> = {}) => {
  const { store, idempotency, cleanup } = await openBacking(backing)
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
    logger: log.logger,
  })
  const http = createApp({
    imtahan,
    clock,
    logger: log.logger,
    idempotency,
    secret: randomBytes(32),
    apiKeys: { payment_provider: [PROVIDER_KEY] },
    devSms: sms,
    auditLog: store,
    ...overrides,
  })
  return { ...http, imtahan, store, idempotency, sms, clock, log, close: cleanup }
}

export type TestHttp = Awaited<ReturnType<typeof makeHttp>>
