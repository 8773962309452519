import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { pgliteSqlClient } from '../../src/store/pglite/client.js'
import { createPgliteEventStore } from '../../src/store/pglite/index.js'
import { poolSqlClient } from '../../src/store/postgres/client.js'
import { quoteSchema } from '../../src/store/sql/client.js'
import { migrate, SCHEMA_VERSIONS } from '../../src/store/sql/migrations.js'
import { createSqlEventStore } from '../../src/store/sql/store.js'
import { DATABASE_URL, dropSchema, freshSchemaName, skipWithoutDatabase } from './pg-support.js'

const id = '6b1d3c9e-4f2a-4e87-9a55-2f0c8d1e7b43'

describe('schema migrations', () => {
  it('refuse a schema name that would need quoting, since it is spliced into SQL', () => {
    expect(quoteSchema('imtahan_test_1')).toBe('"imtahan_test_1"')
    for (const bad of ['Imtahan', 'a;drop table x', '1abc', '', 'a"b'])
      expect(() => quoteSchema(bad)).toThrow(TypeError)
  })

  const title = 'on PostgreSQL, concurrent start-ups migrate exactly once (advisory lock)'
  it.skipIf(!DATABASE_URL)(DATABASE_URL ? title : `${title} — ${skipWithoutDatabase}`, async () => {
    const schema = freshSchemaName('migrate')
    const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 4 })
    try {
      const client = poolSqlClient(pool, false)
      const applied = await Promise.all([1, 2, 3, 4].map(() => migrate(client, schema)))
      expect(applied.flat()).toEqual(SCHEMA_VERSIONS)
    } finally {
      await pool.end()
      await dropSchema(schema)
    }
  })
})

describe('PGlite in a data folder (the zero-setup default)', () => {
  it('keeps events across a close and a reopen, and the reopen finds no migration left to apply', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'imtahan-pglite-'))
    try {
      const first = await createPgliteEventStore({ dataDir })
      await first.appendToStream('cabinet-1', [{ id, type: 'CabinetOpened', data: { n: 1 } }], 'no_stream')
      await first.close()
      const client = pgliteSqlClient(new PGlite(dataDir))
      expect(await migrate(client, 'imtahan')).toEqual([])
      const versions = await client.query<{ version: number }>(
        'select version from imtahan.schema_migrations order by version',
      )
      expect(versions.map((row) => row.version)).toEqual(SCHEMA_VERSIONS)
      const second = await createSqlEventStore('pglite', client)
      const events = await second.readStream('cabinet-1')
      expect(events.map((event) => [event.id, event.type, event.data])).toEqual([
        [id, 'CabinetOpened', { n: 1 }],
      ])
      await second.close()
    } finally {
      await rm(dataDir, { recursive: true, force: true })
    }
  })
})
