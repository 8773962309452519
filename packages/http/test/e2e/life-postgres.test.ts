import { describe } from 'vitest'
import { DATABASE_URL, skipWithoutDatabase } from '../support/app.js'
import { lifeOfTwoCabinets } from './life-of-two-cabinets.js'

describe.skipIf(!DATABASE_URL)(
  DATABASE_URL ? 'the life of two cabinets over HTTP (PostgreSQL)' : skipWithoutDatabase,
  () => lifeOfTwoCabinets('postgres'),
)
