import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openSqlDatabase } from '../../src/idempotency/sql-database.js'
import { createTestClock } from '../../src/ports/clock.js'
import {
  type BackoffPolicy,
  createMemoryThrottleCounters,
  createSqlThrottleCounters,
  type ThrottleCounters,
} from '../../src/signin/index.js'
import type { SqlClient } from '../../src/store/sql/client.js'
import { DATABASE_URL, dropSchema, freshSchemaName, skipWithoutDatabase } from '../store/pg-support.js'

const POLICY: BackoffPolicy = {
  freeFailures: 5,
  firstLockSeconds: 30,
  maxLockSeconds: 900,
  forgetAfterSeconds: 3600,
}
type Open = () => Promise<{ counters: ThrottleCounters; close: () => Promise<void> }>

/** The same back-off from every storage: 5 free failures, then 30 s doubling, forgotten after an hour. */
const contract = (name: string, open: Open) =>
  describe(`sign-in throttle counters on ${name}`, () => {
    const clock = createTestClock()
    let counters: ThrottleCounters
    let close = async () => {}
    const fail = async (key: string, n: number) => {
      for (let i = 0; i < n; i++) await counters.failed(key, clock.now(), POLICY)
    }
    const wait = (key: string) => counters.retryAfter(key, clock.now(), POLICY)
    beforeAll(async () => {
      ;({ counters, close } = await open())
    })
    afterAll(() => close())

    it('locks a key after five failures, for 30 s, then twice as long per further failure', async () => {
      await fail('a', 4)
      expect(await wait('a')).toBe(0)
      await fail('a', 1)
      expect(await wait('a')).toBe(30)
      await fail('a', 1)
      expect(await wait('a')).toBe(60)
      expect(await wait('b')).toBe(0)
    })

    it('clearing forgets the failures', async () => {
      await fail('c', 6)
      expect(await wait('c')).toBeGreaterThan(0)
      await counters.clear('c')
      expect(await wait('c')).toBe(0)
    })

    it('old failures are forgotten and purged', async () => {
      await fail('old', 3)
      clock.advance(POLICY.forgetAfterSeconds * 1000 + 16 * 60 * 1000)
      await fail('old', 4)
      expect(await wait('old')).toBe(0)
      expect(await counters.purgeExpired(clock.now(), POLICY.forgetAfterSeconds)).toBeGreaterThan(0)
      expect(await counters.purgeExpired(clock.now(), POLICY.forgetAfterSeconds)).toBe(0)
      await fail('old', 1)
      expect(await wait('old')).toBe(30)
    })
  })

contract('memory', async () => ({ counters: createMemoryThrottleCounters(), close: async () => {} }))

contract('PGlite', async () => {
  const client = await openSqlDatabase({ kind: 'pglite' })
  return { counters: await createSqlThrottleCounters(client), close: () => client.close() }
})

const openPostgres = () => openSqlDatabase({ kind: 'postgres', connectionString: DATABASE_URL!, poolSize: 4 })

if (DATABASE_URL) {
  contract('PostgreSQL', async () => {
    const schema = freshSchemaName('throttle')
    const client = await openPostgres()
    return {
      counters: await createSqlThrottleCounters(client, { schema }),
      close: async () => {
        await client.close()
        await dropSchema(schema)
      },
    }
  })

  describe('sign-in throttle counters shared by two processes on one PostgreSQL', () => {
    const schema = freshSchemaName('throttle2')
    let clients: SqlClient[] = []
    afterAll(async () => {
      await Promise.all(clients.map((client) => client.close()))
      await dropSchema(schema)
    })

    it('failures spread over two processes, some at once, all count', async () => {
      clients = [await openPostgres(), await openPostgres()]
      const now = new Date('2026-05-20T08:00:00Z')
      const [one, two] = await Promise.all(
        clients.map((client) => createSqlThrottleCounters(client, { schema })),
      )
      await Promise.all([one!, two!, one!, two!].map((counters) => counters.failed('x', now, POLICY)))
      await two!.failed('x', now, POLICY)
      expect(await one!.retryAfter('x', now, POLICY)).toBe(30)
    })
  })
} else describe.skip(skipWithoutDatabase, () => it('sign-in throttle counters', () => {}))
