import { randomUUID } from 'node:crypto'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { verifyChain } from '../../src/store/hash-chain.js'
import { pgliteSqlClient } from '../../src/store/pglite/client.js'
import { WrongExpectedVersionError } from '../../src/store/port.js'
import { poolSqlClient } from '../../src/store/postgres/client.js'
import type { SqlClient } from '../../src/store/sql/client.js'
import { createSqlEventStore } from '../../src/store/sql/store.js'
import { DATABASE_URL, dropSchema, freshSchemaName, skipWithoutDatabase } from './pg-support.js'
import { isGroupWrite, isHeadLookUp, isWrite, recording } from './statement-log.js'

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

  /** Two processes' stores on one database; what the first one asks is written down. */
  const twoProcesses = async (label: string) => {
    const { client, schema } = await open()
    const watched = recording(client)
    return {
      stream: `${label}-${randomUUID()}`,
      watched,
      mine: await createSqlEventStore(name, watched.client, { schema }),
      other: await createSqlEventStore(name, client, { schema }),
    }
  }

  it(`${name}: after reading another process's events to the end, the next append is one write`, async () => {
    const { stream, watched, mine, other } = await twoProcesses('read')
    await mine.appendToStream(stream, [newEvent('A')], 'no_stream')
    // Behind a round-robin balancer: the other process answers the next request of this stream.
    await other.appendToStream(stream, [newEvent('B')], 0n)
    const caughtUp = await mine.readStream(stream, { fromRevision: 1n })
    watched.statements.length = 0
    await mine.appendToStream(stream, [newEvent('C')], caughtUp.at(-1)!.revision)
    expect(watched.statements.filter(isHeadLookUp)).toEqual([])
    expect(watched.statements.filter(isWrite)).toHaveLength(1)
    expect(verifyChain(await other.readStream(stream))).toEqual([])
  })

  it(`${name}: a write refused on a moved head hands over the events after it, without a look at the head`, async () => {
    const { stream, watched, mine, other } = await twoProcesses('moved')
    await mine.appendToStream(stream, [newEvent('A')], 'no_stream')
    const theirs = [newEvent('B'), newEvent('C')]
    await other.appendToStream(stream, theirs, 0n)
    watched.statements.length = 0
    const refusal = await mine.appendToStream(stream, [newEvent('D')], 0n).catch((error: unknown) => error)
    expect(refusal).toBeInstanceOf(WrongExpectedVersionError)
    const { actual, following } = refusal as WrongExpectedVersionError
    expect(actual).toBe(2n)
    expect(following.map((event) => [event.id, event.revision, event.type])).toEqual([
      [theirs[0]!.id, 1n, 'B'],
      [theirs[1]!.id, 2n, 'C'],
    ])
    expect(following).toEqual((await other.readStream(stream)).slice(1))
    expect(watched.statements.filter(isHeadLookUp)).toEqual([])
    expect(watched.statements.filter(isWrite)).toHaveLength(1)
    // The writer catches up on them and writes in one more statement.
    await mine.appendToStream(stream, [newEvent('D')], actual)
    expect(watched.statements.filter(isHeadLookUp)).toEqual([])
    expect(verifyChain(await other.readStream(stream))).toEqual([])
  })

  it(`${name}: writes refused inside one group commit each get the events after their head`, async () => {
    const { client, schema } = await open()
    const watched = recording(client)
    const mine = await createSqlEventStore(name, watched.client, { schema, maxWritesInFlight: 1 })
    const other = await createSqlEventStore(name, client, { schema })
    const streams = [0, 1, 2, 3].map((n) => `group-${n}-${randomUUID()}`)
    for (const stream of streams) await mine.appendToStream(stream, [newEvent('A')], 'no_stream')
    for (const stream of streams.slice(2)) await other.appendToStream(stream, [newEvent('B')], 0n)
    watched.statements.length = 0
    // One write in flight at a time: appends arriving together are sent as one group statement.
    const outcomes = await Promise.allSettled(
      streams.map((stream) => mine.appendToStream(stream, [newEvent('C')], 0n)),
    )
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'rejected',
    ])
    for (const [n, outcome] of outcomes.entries()) {
      if (outcome.status === 'fulfilled') continue
      const refusal = outcome.reason as WrongExpectedVersionError
      expect(refusal.following).toEqual((await other.readStream(streams[n]!)).slice(1))
    }
    expect(watched.statements.filter(isGroupWrite).length).toBeGreaterThan(0)
    expect(watched.statements.filter(isWrite).length).toBeLessThan(streams.length)
    expect(watched.statements.filter(isHeadLookUp)).toEqual([])
  })
}

describe('appends and refusals without a look at the head (expectedHash, a read to the end, what follows a refusal)', () => {
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
