import { afterAll, beforeAll, describe } from 'vitest'
import type { EventStore } from '../../src/index.js'
import { appendContract } from './contract-append.js'
import { readContract } from './contract-read.js'
import type { Tamper } from './contract-support.js'

export type { Tamper } from './contract-support.js'

export type ContractOptions = {
  /** Rewrites a stored event directly, to prove tampering is detected on re-read. */
  readonly tamper?: Tamper
}

/**
 * The behaviour every EventStore promises (port.ts). Each store's test file
 * calls this once; a store passes only if it enforces every expected-revision
 * mode, answers retries, keeps global order and hashes its chains. Stream
 * names are fresh per test, so a shared server (EventStoreDB) never sees one twice.
 */
export const eventStoreContract = (
  name: string,
  makeStore: () => Promise<EventStore>,
  options: ContractOptions = {},
) => {
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore | undefined
    beforeAll(async () => {
      store = await makeStore()
    })
    afterAll(async () => {
      await store?.close()
    })
    const current = () => store!
    appendContract(current)
    readContract(current, options.tamper)
  })
}
