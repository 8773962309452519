import { randomUUID } from 'node:crypto'
import { dropPostgresSchema } from '../../src/store/postgres/index.js'
import type { SqlQuery } from '../../src/store/sql/client.js'
import type { Tamper } from '../../src/testing/index.js'

export const DATABASE_URL = process.env.DATABASE_URL

export const skipWithoutDatabase = `PostgreSQL (DATABASE_URL not set — skipped, e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/test)`

/** A schema of its own for one test file, so files run in parallel and leave nothing behind. */
export const freshSchemaName = (label: string) =>
  `test_${label}_${randomUUID().replace(/-/g, '').slice(0, 12)}`

export const dropSchema = (schema: string) => dropPostgresSchema(DATABASE_URL!, schema)

/** Rewrites a stored event's data directly in the table, as an intruder with SQL access would. */
export const tamperWith =
  (client: SqlQuery, schema: string): Tamper =>
  async (streamId, revision, data) => {
    await client.query(
      `update "${schema}".events set data = $3::jsonb where stream_id = $1 and revision = $2::bigint`,
      [streamId, revision.toString(), JSON.stringify(data)],
    )
  }
