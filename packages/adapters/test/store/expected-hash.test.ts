import { randomUUID } from 'node:crypto'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { verifyChain } from '../../src/store/hash-chain.js'
import { pgliteSqlClient } from '../../src/store/pglite/client.js'
import { poolSqlClient } from '../../src/store/postgres/client.js'
import type { SqlClient } from '../../src/store/sql/client.js'
import { createSqlEventStore } from '../../src/store/sql/store.js'
import { DATABASE_URL, dropSchema, freshSchemaName, skipWithoutDatabase } from './pg-support.js'

/** The client, with every statement it was asked to run written down. */
const recording = (client: SqlClient) => {
  const statements: string[] = []
  const recorded: SqlClient = {
    query: (text, params) => {
      statements.push(text)
      return client.query(text, params)
    },
    transaction: (fn) => client.transaction(fn),
    close: () => client.close(),
  }
  return { client: recorded, statements }
}

const isHeadLookUp = (text: string) => text.includes('s.last_hash') && text.startsWith('select')
const isWrite = (text: string) => text.includes('insert into') && text.includes('.events')

const newEvent = (type: string) => ({ id: randomUUID(), type, data: { type } })

/**
 * A re-score appends to thousands of streams a process has never read: the
 * results view hands it each stream's head hash, and a right one saves the
 * look at every head (one statement for the whole batch instead of two).
 */
const hintCases = (name: string, open: () => Promise<{ client: SqlClient; schema: string }>) => {
  it(`${name}: a right expectedHash writes at once, without looking up the heads`, async () => {
    const { client, schema } = await open()
    const writer = await createSqlEventStore(name, client, { schema })
    const streams = [`hint-${randomUUID()}`, `hint-${randomUUID()}`]
    for (const stream of streams)
      await writer.appendToStream(stream, [newEvent('A'), newEvent('B')], 'no_stream')
    const heads = await Promise.all(streams.map(async (stream) => (await writer.readStream(stream))[1]!))

    // Another process (a fresh store: nothing cached) appends with the hashes a projection kept.
    const watched = recording(client)
    const other = await createSqlEventStore(name, watched.client, { schema })
    watched.statements.length = 0
    const outcomes = await other.appendToStreams(
      heads.map((head) => ({
        streamId: head.streamId,
        events: [newEvent('C')],
        expected: head.revision,
        expectedHash: head.metadata.hash,
      })),
    )
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true)
    expect(watched.statements.filter(isHeadLookUp)).toEqual([])
    expect(watched.statements.filter(isWrite)).toHaveLength(1)
    for (const stream of streams) expect(verifyChain(await writer.readStream(stream))).toEqual([])
  })

  it(`${name}: a wrong expectedHash costs one look and one more write, and the chain holds`, async () => {
    const { client, schema } = await open()
    const writer = await createSqlEventStore(name, client, { schema })
    const stream = `hint-${randomUUID()}`
    await writer.appendToStream(stream, [newEvent('A'), newEvent('B')], 'no_stream')
    const watched = recording(client)
    const other = await createSqlEventStore(name, watched.client, { schema })
    watched.statements.length = 0
    const [outcome] = await other.appendToStreams([
      { streamId: stream, events: [newEvent('C')], expected: 1n, expectedHash: '0'.repeat(64) },
    ])
    expect(outcome).toMatchObject({ ok: true, result: { nextExpectedRevision: 2n } })
    expect(watched.statements.filter(isHeadLookUp)).toHaveLength(1)
    expect(watched.statements.filter(isWrite)).toHaveLength(2)
    const read = await writer.readStream(stream)
    expect(verifyChain(read)).toEqual([])
    expect(read[2]!.metadata.previousHash).toBe(read[1]!.metadata.hash)
  })
}

describe('a multi-stream append with the heads its caller knows (StreamAppend.expectedHash)', () => {
  const pglite = pgliteSqlClient(new PGlite())
  afterAll(() => pglite.close())
  hintCases('PGlite', async () => ({ client: pglite, schema: 'imtahan' }))

  const schemas: string[] = []
  const pools: pg.Pool[] = []
  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.end()))
    await Promise.all(schemas.map(dropSchema))
  })
  describe.skipIf(!DATABASE_URL)(DATABASE_URL ? 'PostgreSQL' : skipWithoutDatabase, () => {
    hintCases('PostgreSQL', async () => {
      const schema = freshSchemaName('hint')
      schemas.push(schema)
      const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 2 })
      pools.push(pool)
      return { client: poolSqlClient(pool, false), schema }
    })
  })
})
