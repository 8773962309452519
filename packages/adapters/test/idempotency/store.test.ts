import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createMemoryIdempotencyStore,
  createSqlIdempotencyStore,
  HEARTBEAT_IDEMPOTENCY_POLICY,
  type IdempotencyPolicy,
  type IdempotencyStore,
  judgeExisting,
  keepIdempotencyKeyAlive,
  openSqlDatabase,
} from '../../src/idempotency/index.js'
import type { SqlClient } from '../../src/store/sql/client.js'
import { DATABASE_URL, dropSchema, freshSchemaName, skipWithoutDatabase } from '../store/pg-support.js'

const HOUR = 60 * 60 * 1000
const t0 = new Date('2026-05-20T08:00:00Z')
const at = (ms: number) => new Date(t0.getTime() + ms)
const outcome = { status: 201, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' }

/** The same behaviour from every store (WAL-7). */
const contract = (
  name: string,
  open: (policy?: IdempotencyPolicy) => Promise<{ store: IdempotencyStore; close: () => Promise<void> }>,
) => {
  describe(`idempotency keys on ${name}`, () => {
    const key = () => ({ scope: 'cabinet:c1', key: randomUUID() })
    let store: IdempotencyStore
    let close = async () => {}
    beforeAll(async () => {
      ;({ store, close } = await open())
    })
    afterAll(() => close())

    it('WAL-7: the first request starts; its outcome is replayed to a repeat with the same request', async () => {
      const k = key()
      expect(await store.begin(k, 'h1', t0)).toEqual({ kind: 'started' })
      expect(await store.begin(k, 'h1', at(10))).toEqual({ kind: 'in_progress' })
      await store.complete(k, 'h1', outcome, at(20))
      expect(await store.begin(k, 'h1', at(30))).toEqual({ kind: 'replay', outcome })
    })

    it('WAL-7: a different request with a used key is a mismatch, running or done', async () => {
      const k = key()
      await store.begin(k, 'h1', t0)
      expect(await store.begin(k, 'h2', at(1))).toEqual({ kind: 'mismatch' })
      await store.complete(k, 'h1', outcome, at(2))
      expect(await store.begin(k, 'h2', at(3))).toEqual({ kind: 'mismatch' })
    })

    it('WAL-7: keys are scoped by caller, kept 24 hours, and an abandoned request may run again', async () => {
      const k = key()
      await store.begin(k, 'h1', t0)
      expect(await store.begin({ ...k, scope: 'cabinet:c2' }, 'h9', t0)).toEqual({ kind: 'started' })
      await store.complete(k, 'h1', outcome, t0)
      expect((await store.begin(k, 'h1', at(23 * HOUR))).kind).toBe('replay')
      expect(await store.begin(k, 'h2', at(24 * HOUR))).toEqual({ kind: 'started' })
      await store.abandon(k, 'h2')
      expect(await store.begin(k, 'h3', at(24 * HOUR + 1))).toEqual({ kind: 'started' })
      expect(await store.purge(at(48 * HOUR))).toBeGreaterThanOrEqual(1)
    })

    it('WAL-7: of concurrent first requests with one key exactly one starts', async () => {
      const k = key()
      const results = await Promise.all(Array.from({ length: 8 }, () => store.begin(k, 'h1', t0)))
      expect(results.filter((result) => result.kind === 'started')).toHaveLength(1)
      expect(results.filter((result) => result.kind === 'in_progress')).toHaveLength(7)
    })
  })

  describe(`idempotency keys on ${name}, heartbeating while the request runs`, () => {
    const key = () => ({ scope: 'cabinet:c1', key: randomUUID() })
    const stores: { store: IdempotencyStore; close: () => Promise<void> }[] = []
    afterAll(() => Promise.all(stores.map((opened) => opened.close())))
    const openWith = async (policy: IdempotencyPolicy) => {
      const opened = await open(policy)
      stores.push(opened)
      return opened.store
    }

    it('WAL-7: a record whose holder stopped heartbeating is free after a few seconds; a live one is kept', async () => {
      const store = await openWith(HEARTBEAT_IDEMPOTENCY_POLICY)
      const [dead, live] = [key(), key()]
      await store.begin(dead, 'h1', t0)
      await store.begin(live, 'h1', t0)
      // The live request runs for 20 s, beating every 2 s; the dead one's process died at once.
      for (let s = 2; s <= 20; s += 2) expect(await store.heartbeat(live, 'h1', at(s * 1000))).toBe(true)
      expect(await store.begin(dead, 'h1', at(5_999))).toEqual({ kind: 'in_progress' })
      expect(await store.begin(dead, 'h1', at(6_000))).toEqual({ kind: 'started' })
      expect(await store.begin(live, 'h1', at(20_500))).toEqual({ kind: 'in_progress' })
      expect(await store.begin(live, 'h2', at(20_500))).toEqual({ kind: 'mismatch' })
      await store.complete(live, 'h1', outcome, at(21_000))
      expect(await store.heartbeat(live, 'h1', at(22_000))).toBe(false)
      expect(await store.heartbeat(key(), 'h1', at(22_000))).toBe(false)
    })

    it('WAL-7: keepIdempotencyKeyAlive holds the key of a request running past its lease, and lets go when stopped', async () => {
      const policy = { retentionSeconds: 86_400, leaseSeconds: 0.6, heartbeatSeconds: 0.1 }
      const store = await openWith(policy)
      const k = key()
      const clock = { now: () => new Date() }
      expect(await store.begin(k, 'h1', clock.now())).toEqual({ kind: 'started' })
      const beating = keepIdempotencyKeyAlive(store, k, 'h1', clock, policy)
      await new Promise((resolve) => setTimeout(resolve, 1500))
      expect(await store.begin(k, 'h1', clock.now())).toEqual({ kind: 'in_progress' })
      beating.stop()
      await new Promise((resolve) => setTimeout(resolve, 900))
      expect(await store.begin(k, 'h1', clock.now())).toEqual({ kind: 'started' })
    })
  })
}

contract('memory', async (policy) => ({ store: createMemoryIdempotencyStore(policy), close: async () => {} }))

contract('PGlite', async (policy) => {
  const client = await openSqlDatabase({ kind: 'pglite' })
  return {
    store: await createSqlIdempotencyStore(client, policy === undefined ? {} : { policy }),
    close: () => client.close(),
  }
})

const postgres = async (policy?: IdempotencyPolicy) => {
  const schema = freshSchemaName('idem')
  const client: SqlClient = await openSqlDatabase({ kind: 'postgres', connectionString: DATABASE_URL! })
  const store = await createSqlIdempotencyStore(client, {
    schema,
    ...(policy === undefined ? {} : { policy }),
  })
  return {
    store,
    close: async () => {
      await client.close()
      await dropSchema(schema)
    },
  }
}
if (DATABASE_URL) contract('PostgreSQL', postgres)
else describe.skip(skipWithoutDatabase, () => it('idempotency keys', () => {}))

describe('a record still running after its lease belongs to a crashed request', () => {
  it('WAL-7: the same request may take it over; another request still gets a mismatch', () => {
    const policy = { retentionSeconds: 86_400, leaseSeconds: 60, heartbeatSeconds: 20 }
    const running = { requestHash: 'h1', outcome: undefined, createdAt: t0, updatedAt: t0 }
    expect(judgeExisting(running, 'h1', at(59_000), policy).kind).toBe('in_progress')
    expect(judgeExisting(running, 'h1', at(60_000), policy).kind).toBe('started')
    expect(judgeExisting(running, 'h2', at(60_000), policy).kind).toBe('mismatch')
  })
})
