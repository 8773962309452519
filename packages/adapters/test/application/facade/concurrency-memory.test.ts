import { createMemoryEventStore } from '../../../src/store/memory.js'
import { concurrencySuite } from './concurrency.js'

concurrencySuite('memory', async () => createMemoryEventStore(), {
  racers: 8,
  completions: 12,
  transfersEach: 4,
})
