import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMemoryEventStore } from '../../src/index.js'
import { appendToStreamsOneByOne, readStreamsOneByOne } from '../../src/store/one-by-one.js'
import { eventStoreContract } from '../../src/testing/index.js'

// EventStoreDB has no multi-stream read or transaction: its store answers both with bounded
// parallel single-stream calls (store/one-by-one.ts). No server runs here, so that path passes
// the same contract over the memory store's single-stream methods.
eventStoreContract(
  { describe, it, expect, beforeAll, afterAll },
  'multi-stream calls one by one (as on EventStoreDB)',
  async () => {
    const inner = createMemoryEventStore()
    return {
      ...inner,
      readStreams: (reads) => readStreamsOneByOne(inner, reads, 2),
      appendToStreams: (appends, context) => appendToStreamsOneByOne(inner, appends, context, 2),
    }
  },
)
