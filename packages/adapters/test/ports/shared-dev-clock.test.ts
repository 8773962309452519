import { afterAll, describe, expect, it } from 'vitest'
import { openSqlDatabase } from '../../src/idempotency/sql-database.js'
import { createDevClock, createTestClock } from '../../src/ports/clock.js'
import type { SqlClient } from '../../src/store/sql/client.js'
import { createSqlDevClockOffsets } from '../../src/store/sql/dev-clock.js'
import { DATABASE_URL, dropSchema, freshSchemaName, skipWithoutDatabase } from '../store/pg-support.js'

const HOUR = 3_600_000

/**
 * Dev mode's clock shared through the database: two clocks on one schema
 * (two processes) keep one time, a move by either holds for both, and a
 * stale move never takes the time back.
 */
const shared = (name: string, open: () => Promise<{ clients: SqlClient[]; schema: string }>) =>
  describe(`the dev clock shared through ${name}`, () => {
    let close = async () => {}
    afterAll(() => close())

    it('a move on one clock holds on the other after its refresh; a restart keeps it; it never goes back', async () => {
      const { clients, schema } = await open()
      close = async () => {
        await Promise.all([...new Set(clients)].map((client) => client.close()))
        if (name === 'PostgreSQL') await dropSchema(schema)
      }
      const real = createTestClock('2026-06-01T08:00:00Z')
      const [a, b] = await Promise.all(
        clients.map(async (client) =>
          createDevClock(real, await createSqlDevClockOffsets(client, { schema })),
        ),
      )
      a!.moveTo(new Date('2026-06-01T10:00:00Z'))
      expect(b!.now().toISOString()).toBe('2026-06-01T08:00:00.000Z')
      await a!.publish()
      await b!.refresh()
      expect(b!.now().toISOString()).toBe('2026-06-01T10:00:00.000Z')

      // B moves further, A publishes its older offset afterwards: the later time wins on both.
      b!.advance(HOUR)
      await b!.publish()
      await a!.publish()
      expect(a!.now().toISOString()).toBe('2026-06-01T11:00:00.000Z')
      expect(() => a!.moveTo(new Date('2026-06-01T10:30:00Z'))).toThrow(RangeError)

      // A process started later (a restart) begins at the shared time, not real time.
      const restarted = createDevClock(real, await createSqlDevClockOffsets(clients[0]!, { schema }))
      await restarted.refresh()
      expect(restarted.offset()).toBe(3 * HOUR)
    })
  })

shared('PGlite', async () => {
  const client = await openSqlDatabase({ kind: 'pglite' })
  return { clients: [client, client], schema: 'imtahan' }
})

if (DATABASE_URL)
  shared('PostgreSQL', async () => ({
    clients: await Promise.all(
      [0, 1].map(() => openSqlDatabase({ kind: 'postgres', connectionString: DATABASE_URL!, poolSize: 2 })),
    ),
    schema: freshSchemaName('devclock'),
  }))
else describe.skip(skipWithoutDatabase, () => it('the dev clock shared through PostgreSQL', () => {}))

describe('the dev clock alone (memory store, one process)', () => {
  it('refresh and publish change nothing; the clock only moves forward', async () => {
    const real = createTestClock('2026-06-01T08:00:00Z')
    const clock = createDevClock(real)
    clock.advance(HOUR)
    await clock.publish()
    await clock.refresh()
    expect(clock.offset()).toBe(HOUR)
    expect(() => clock.moveTo(new Date('2026-06-01T08:30:00Z'))).toThrow(RangeError)
  })
})
