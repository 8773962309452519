import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { poolSqlClient } from '../../src/store/postgres/client.js'
import { createPostgresEventStore } from '../../src/store/postgres/index.js'
import { eventStoreContract } from '../../src/testing/index.js'
import { DATABASE_URL, dropSchema, freshSchemaName, skipWithoutDatabase, tamperWith } from './pg-support.js'

const schema = freshSchemaName('contract')

describe.skipIf(!DATABASE_URL)(DATABASE_URL ? 'PostgreSQL' : skipWithoutDatabase, () => {
  const intruder = new pg.Pool({ connectionString: DATABASE_URL, max: 1 })
  afterAll(async () => {
    await intruder.end()
    await dropSchema(schema)
  })
  eventStoreContract(
    { describe, it, expect, beforeAll, afterAll },
    'PostgreSQL',
    () => createPostgresEventStore({ connectionString: DATABASE_URL!, schema, poolSize: 8 }),
    { tamper: tamperWith(poolSqlClient(intruder, false), schema) },
  )
})
