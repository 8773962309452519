import { createPgliteEventStore } from '../../../src/store/pglite/index.js'
import { concurrencySuite } from './concurrency.js'

// A fresh in-memory database per file: nothing to drop afterwards.
concurrencySuite('PGlite (in memory)', () => createPgliteEventStore({ schema: 'app_concurrency' }), {
  racers: 6,
  completions: 8,
  transfersEach: 3,
})
