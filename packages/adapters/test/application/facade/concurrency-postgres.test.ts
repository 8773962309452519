import { describe } from 'vitest'
import { createPostgresEventStore } from '../../../src/store/postgres/index.js'
import { DATABASE_URL, dropSchema, freshSchemaName, skipWithoutDatabase } from '../../store/pg-support.js'
import { concurrencySuite } from './concurrency.js'

const schema = freshSchemaName('app')

describe.skipIf(!DATABASE_URL)(DATABASE_URL ? 'PostgreSQL' : skipWithoutDatabase, () => {
  concurrencySuite(
    'PostgreSQL',
    () => createPostgresEventStore({ connectionString: DATABASE_URL ?? '', schema, poolSize: 8 }),
    { racers: 6, completions: 8, transfersEach: 3 },
    () => dropSchema(schema),
  )
})
