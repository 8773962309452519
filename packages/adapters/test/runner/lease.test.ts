import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { awaitLease, createLocalLeases, type Leases } from '../../src/runner/index.js'
import { createPostgresLeases } from '../../src/runner/pg-lease.js'
import { DATABASE_URL, dropSchema, freshSchemaName, skipWithoutDatabase } from '../store/pg-support.js'

describe('leases in one process (memory store, PGlite)', () => {
  it('one holder per name; released, it can be taken again', async () => {
    const leases = createLocalLeases('solo')
    const lease = await leases.acquire('projections')
    expect(lease).toBeDefined()
    expect(await leases.acquire('projections')).toBeUndefined()
    expect(await leases.acquire('processes')).toBeDefined()
    expect((await leases.holders()).map((h) => [h.name, h.instanceId])).toEqual([
      ['projections', 'solo'],
      ['processes', 'solo'],
    ])
    await lease!.release()
    expect(lease!.lost.aborted).toBe(true)
    expect(await leases.acquire('projections')).toBeDefined()
    await leases.close()
    expect(await leases.holders()).toEqual([])
  })
})

const title = 'leases across processes on PostgreSQL (advisory locks)'
if (DATABASE_URL)
  describe(title, () => {
    const schema = freshSchemaName('lease')
    const opened: Leases[] = []
    const open = async (instanceId: string) => {
      const leases = await createPostgresLeases({
        connectionString: DATABASE_URL!,
        instanceId,
        schema,
        checkMs: 200,
      })
      opened.push(leases)
      return leases
    }
    afterAll(async () => {
      await Promise.all(opened.map((leases) => leases.close()))
      await dropSchema(schema)
    })

    it('of two competing instances exactly one holds a name; holders() names it', async () => {
      const [a, b] = [await open('a'), await open('b')]
      const got = await Promise.all([
        a.acquire('race'),
        b.acquire('race'),
        a.acquire('race'),
        b.acquire('race'),
      ])
      expect(got.filter((lease) => lease !== undefined)).toHaveLength(1)
      const holders = await b.holders()
      expect(holders.filter((h) => h.name === 'race')).toHaveLength(1)
      await got.find((lease) => lease !== undefined)!.release()
      expect((await a.holders()).filter((h) => h.name === 'race')).toEqual([])
      expect(await b.acquire('race')).toBeDefined()
    })

    it('when the holder’s connection is killed, it learns so and the standby takes over within seconds', async () => {
      const [holder, standby] = [await open('holder'), await open('standby')]
      const lease = await holder.acquire('failover')
      expect(lease).toBeDefined()
      const waiting = awaitLease(standby, 'failover', { retryMs: 100 })
      const admin = new pg.Client({ connectionString: DATABASE_URL })
      await admin.connect()
      try {
        const killed = await admin.query(
          `select pg_terminate_backend(backend_pid) as killed from "${schema}".lease_holders where name = $1`,
          ['failover'],
        )
        expect(killed.rows).toEqual([{ killed: true }])
      } finally {
        await admin.end()
      }
      const started = Date.now()
      const taken = await waiting
      expect(taken).toBeDefined()
      expect(Date.now() - started).toBeLessThan(3000)
      await new Promise<void>((resolve) =>
        lease!.lost.aborted ? resolve() : lease!.lost.addEventListener('abort', () => resolve()),
      )
      expect((await holder.holders()).find((h) => h.name === 'failover')?.instanceId).toBe('standby')
    })

    it('closing the holder’s process releases its leases', async () => {
      const [gone, next] = [await open('gone'), await open('next')]
      expect(await gone.acquire('closing')).toBeDefined()
      expect(await next.acquire('closing')).toBeUndefined()
      await gone.close()
      expect(await next.acquire('closing')).toBeDefined()
    })
  })
else describe.skip(`${title} — ${skipWithoutDatabase}`, () => it('leases', () => {}))
