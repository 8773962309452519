import { describe } from 'vitest'
import { DATABASE_URL, skipWithoutDatabase } from '../support/app.js'
import { appealsOverHttp } from './appeals-over-http.js'

describe.skipIf(!DATABASE_URL)(
  DATABASE_URL ? 'appeals end to end over HTTP (PostgreSQL)' : skipWithoutDatabase,
  () => appealsOverHttp('postgres'),
)
