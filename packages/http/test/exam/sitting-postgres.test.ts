import { describe } from 'vitest'
import { DATABASE_URL, skipWithoutDatabase } from '../support/app.js'
import { sittingOverHttp } from './sitting-over-http.js'

describe.skipIf(!DATABASE_URL)(
  DATABASE_URL
    ? 'a sitting from definition to published results over HTTP (PostgreSQL)'
    : skipWithoutDatabase,
  () => sittingOverHttp('postgres'),
)
