import { randomUUID } from 'node:crypto'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import {
  DuplicateEventIdError,
  type EventStore,
  type NewEvent,
  verifyChain,
  WrongExpectedVersionError,
} from '../../src/index.js'
import { pgliteSqlClient } from '../../src/store/pglite/client.js'
import { poolSqlClient } from '../../src/store/postgres/client.js'
import type { SqlClient } from '../../src/store/sql/client.js'
import { createGroupCommit } from '../../src/store/sql/group-commit.js'
import { createSqlEventStore } from '../../src/store/sql/store.js'
import { DATABASE_URL, dropSchema, freshSchemaName, skipWithoutDatabase } from './pg-support.js'

const event = (data: Record<string, unknown> = {}): NewEvent => ({ id: randomUUID(), type: 'Noted', data })

describe('group commit scheduling', () => {
  type Write = { stream: string; size: number }
  const scheduler = (runMany: (writes: readonly Write[]) => Promise<readonly string[]>) => {
    const groups: string[][] = []
    const alone: string[] = []
    const commit = createGroupCommit<Write, string>({
      maxInFlight: 1,
      maxEvents: 10,
      streamOf: (write) => write.stream,
      sizeOf: (write) => write.size,
      runOne: async (write) => {
        alone.push(write.stream)
        if (write.stream === 'bad') throw new Error('refused')
        return `one:${write.stream}`
      },
      runMany: async (writes) => {
        groups.push(writes.map((write) => write.stream))
        return runMany(writes)
      },
    })
    return { commit, groups, alone }
  }

  it('combines waiting writes to distinct streams, holds a second write to a stream back, and caps a group by events', async () => {
    const { commit, groups, alone } = scheduler(async (writes) =>
      writes.map((write) => `many:${write.stream}`),
    )
    const outcomes = await Promise.all([
      commit.write({ stream: 'a', size: 1 }),
      commit.write({ stream: 'b', size: 1 }),
      commit.write({ stream: 'a', size: 1 }),
      commit.write({ stream: 'c', size: 9 }),
      commit.write({ stream: 'd', size: 1 }),
    ])
    expect(groups).toEqual([
      ['a', 'b', 'd'],
      ['a', 'c'],
    ])
    expect(alone).toEqual([])
    expect(outcomes).toEqual(['many:a', 'many:b', 'many:a', 'many:c', 'many:d'])
  })

  it('runs every write of a failed group alone, so a failure stays with the write it belongs to', async () => {
    const { commit, groups, alone } = scheduler(async () => {
      throw new Error('group refused')
    })
    const outcomes = await Promise.allSettled([
      commit.write({ stream: 'ok', size: 1 }),
      commit.write({ stream: 'bad', size: 1 }),
    ])
    expect(groups).toEqual([['ok', 'bad']])
    expect(alone.sort()).toEqual(['bad', 'ok'])
    expect(outcomes[0]).toEqual({ status: 'fulfilled', value: 'one:ok' })
    expect(outcomes[1]).toMatchObject({ status: 'rejected', reason: new Error('refused') })
  })
})

/** Counts the combined statements a store sends, to be sure the test exercised them. */
const counting = (client: SqlClient) => {
  let combined = 0
  const counted: SqlClient = {
    ...client,
    query: (text, params) => {
      if (text.includes('with w as materialized')) combined++
      return client.query(text, params)
    },
  }
  return { client: counted, combined: () => combined }
}

type Opened = { readonly store: EventStore; readonly combined: () => number }

/**
 * Appends that arrive together and go out as one statement still each get
 * their own outcome. `open` gives stores on one shared database, so one store
 * can move a stream behind another's back (its remembered head goes stale).
 */
const groupContract = (open: () => Promise<Opened>) => {
  const stream = (label: string) => `${label}-${randomUUID()}`

  it('reports each stream of a combined statement on its own: written, or lost to another writer', async () => {
    const { store, combined } = await open()
    const other = await open()
    const existing = stream('existing')
    const moved = stream('moved')
    await Promise.all([
      store.appendToStream(existing, [event()], 'no_stream'),
      store.appendToStream(moved, [event()], 'no_stream'),
    ])
    await other.store.appendToStream(moved, [event()], 0n)
    const before = combined()
    const created = stream('created')
    const outcomes = await Promise.allSettled([
      store.appendToStream(created, [event(), event()], 'no_stream'),
      store.appendToStream(existing, [event()], 0n),
      store.appendToStream(moved, [event()], 0n),
    ])
    expect(combined()).toBe(before + 1)
    expect(outcomes[0]).toMatchObject({ status: 'fulfilled', value: { nextExpectedRevision: 1n } })
    expect(outcomes[1]).toMatchObject({ status: 'fulfilled', value: { nextExpectedRevision: 1n } })
    const conflict = (outcomes[2] as PromiseRejectedResult).reason
    expect(conflict).toBeInstanceOf(WrongExpectedVersionError)
    expect(conflict.actual).toBe(1n)
    for (const [id, length] of [
      [created, 2],
      [existing, 2],
      [moved, 2],
    ] as const) {
      const read = await store.readStream(id)
      expect(read).toHaveLength(length)
      expect(verifyChain(read)).toEqual([])
    }
    await Promise.all([store.close(), other.store.close()])
  })

  it('runs a refused combined statement again write by write: a retry, a reused id, a refused value', async () => {
    const { store, combined } = await open()
    const retried = stream('retried')
    const reused = stream('reused')
    const refused = stream('refused')
    const first = event({ n: 0 })
    await Promise.all([
      store.appendToStream(retried, [first], 'no_stream'),
      store.appendToStream(reused, [first], 'no_stream'),
      store.appendToStream(refused, [event()], 'no_stream'),
    ])
    const before = combined()
    const created = stream('created')
    const outcomes = await Promise.allSettled([
      store.appendToStream(created, [event()], 'no_stream'),
      store.appendToStream(retried, [first], 'any'),
      store.appendToStream(reused, [event(), first], 'any'),
      store.appendToStream(refused, [event({ text: 'nul \u0000 byte' })], 0n),
    ])
    expect(combined()).toBeGreaterThan(before)
    const [createdOk, retry, reuse, refusal] = outcomes
    expect(createdOk).toMatchObject({ status: 'fulfilled', value: { nextExpectedRevision: 0n } })
    expect(retry).toMatchObject({ status: 'fulfilled', value: { nextExpectedRevision: 0n } })
    expect((reuse as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateEventIdError)
    expect(refusal.status).toBe('rejected')
    const streams = [created, retried, reused, refused]
    const lengths = await Promise.all(streams.map(async (id) => (await store.readStream(id)).length))
    expect(lengths).toEqual([1, 1, 1, 1])
    const all = (await store.readAll()).filter((e) => streams.includes(e.streamId))
    expect(all).toHaveLength(4)
    await store.close()
  })

  it('keeps eight concurrent writers, each at its exact revision, dense and chained', async () => {
    const { store, combined } = await open()
    const streams = Array.from({ length: 8 }, () => stream('writer'))
    const before = combined()
    await Promise.all(
      streams.map(async (id) => {
        for (let revision = -1n; revision < 24n; revision++)
          await store.appendToStream(id, [event()], revision < 0n ? 'no_stream' : revision)
      }),
    )
    expect(combined()).toBeGreaterThan(before)
    for (const id of streams) {
      const read = await store.readStream(id)
      expect(read.map((e) => e.revision)).toEqual(Array.from({ length: 25 }, (_, i) => BigInt(i)))
      expect(verifyChain(read)).toEqual([])
    }
    await store.close()
  })
}

describe('group commit on PGlite', () => {
  // One database for the whole block; closing a store must not close it.
  const db = new PGlite()
  afterAll(() => db.close())
  groupContract(async () => {
    const { client, combined } = counting({ ...pgliteSqlClient(db), close: async () => {} })
    return { store: await createSqlEventStore('pglite', client, { maxWritesInFlight: 1 }), combined }
  })
})

describe.skipIf(!DATABASE_URL)(DATABASE_URL ? 'group commit on PostgreSQL' : skipWithoutDatabase, () => {
  const schema = freshSchemaName('group')
  afterAll(() => dropSchema(schema))
  groupContract(async () => {
    const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 4 })
    const { client, combined } = counting(poolSqlClient(pool, true))
    return { store: await createSqlEventStore('postgres', client, { schema }), combined }
  })
})
