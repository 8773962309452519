import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openSqlDatabase } from '../../src/idempotency/sql-database.js'
import { createTestClock } from '../../src/ports/clock.js'
import {
  createMemoryLoginThrottle,
  createSqlLoginThrottle,
  DEFAULT_LOCKOUT_POLICY,
  type LoginThrottle,
  type LoginThrottleOptions,
} from '../../src/signin/index.js'
import type { SqlClient } from '../../src/store/sql/client.js'
import { DATABASE_URL, dropSchema, freshSchemaName, skipWithoutDatabase } from '../store/pg-support.js'

const secret = Buffer.from('a test secret of enough bytes')
type Open = (
  options: LoginThrottleOptions,
) => Promise<{ throttle: LoginThrottle; close: () => Promise<void> }>

const failTimes = async (throttle: LoginThrottle, login: string, n: number) => {
  for (let i = 0; i < n; i++) await throttle.failed(login)
}

/** The same back-off from every storage: 5 free failures, then 30 s doubling, forgotten after an hour. */
const contract = (name: string, open: Open) =>
  describe(`login throttle on ${name}`, () => {
    const clock = createTestClock()
    let throttle: LoginThrottle
    let close = async () => {}
    beforeAll(async () => {
      ;({ throttle, close } = await open({ secret, clock }))
    })
    afterAll(() => close())

    it('locks a login after five failures, for 30 s, then twice as long per further failure', async () => {
      await failTimes(throttle, '10000016', 4)
      expect(await throttle.retryAfter('10000016')).toBe(0)
      await throttle.failed(' 10000016 ')
      expect(await throttle.retryAfter('10000016')).toBe(30)
      await throttle.failed('10000016')
      expect(await throttle.retryAfter('10000016')).toBe(60)
      expect(await throttle.retryAfter('10000024')).toBe(0)
    })

    it('a success forgets the failures; the login as typed is case-insensitive', async () => {
      await failTimes(throttle, '5zk7p2q', 6)
      expect(await throttle.retryAfter('5ZK7P2Q')).toBeGreaterThan(0)
      await throttle.succeeded('5ZK7P2Q')
      expect(await throttle.retryAfter('5zk7p2q')).toBe(0)
    })

    it('old failures are forgotten and purged', async () => {
      await failTimes(throttle, 'old-login', 3)
      clock.advance(DEFAULT_LOCKOUT_POLICY.forgetAfterSeconds * 1000 + 16 * 60 * 1000)
      await failTimes(throttle, 'old-login', 4)
      expect(await throttle.retryAfter('old-login')).toBe(0)
      expect(await throttle.purgeExpired(clock.now())).toBeGreaterThan(0)
      expect(await throttle.purgeExpired(clock.now())).toBe(0)
      await throttle.failed('old-login')
      expect(await throttle.retryAfter('old-login')).toBe(30)
    })
  })

contract('memory', async (options) => ({
  throttle: createMemoryLoginThrottle(options),
  close: async () => {},
}))

contract('PGlite', async (options) => {
  const client = await openSqlDatabase({ kind: 'pglite' })
  return { throttle: await createSqlLoginThrottle(client, options), close: () => client.close() }
})

const openPostgres = () => openSqlDatabase({ kind: 'postgres', connectionString: DATABASE_URL!, poolSize: 4 })

if (DATABASE_URL) {
  contract('PostgreSQL', async (options) => {
    const schema = freshSchemaName('throttle')
    const client = await openPostgres()
    return {
      throttle: await createSqlLoginThrottle(client, { ...options, schema }),
      close: async () => {
        await client.close()
        await dropSchema(schema)
      },
    }
  })

  describe('the login throttle shared by two processes on one PostgreSQL', () => {
    const schema = freshSchemaName('throttle2')
    let clients: SqlClient[] = []
    afterAll(async () => {
      await Promise.all(clients.map((client) => client.close()))
      await dropSchema(schema)
    })

    it('failures spread over two processes, some at once, all count', async () => {
      clients = [await openPostgres(), await openPostgres()]
      const clock = createTestClock()
      const [one, two] = await Promise.all(
        clients.map((client) => createSqlLoginThrottle(client, { secret, clock, schema })),
      )
      await Promise.all([one!.failed('x'), two!.failed('x'), one!.failed('x'), two!.failed('x')])
      await two!.failed('x')
      expect(await one!.retryAfter('x')).toBe(30)
    })
  })
} else describe.skip(skipWithoutDatabase, () => it('login throttle', () => {}))
