/**
 * `@imtahan/adapters/testing`: the behaviour every {@link EventStore} promises,
 * as a test suite you run against your own store or configuration with your
 * own test runner.
 *
 * ```ts
 * import { afterAll, beforeAll, describe, expect, it } from 'vitest'
 * import { createMemoryEventStore } from '@imtahan/adapters/memory'
 * import { eventStoreContract } from '@imtahan/adapters/testing'
 *
 * eventStoreContract({ describe, it, expect, beforeAll, afterAll }, 'memory', async () => createMemoryEventStore())
 * ```
 *
 * @packageDocumentation
 */
import type { EventStore } from '../store/port.js'
import { appendContract } from './append.js'
import { multiStreamContract } from './many.js'
import { readContract } from './read.js'
import type { Runner } from './runner.js'
import type { Tamper } from './support.js'

export type { ContractMatchers, Runner } from './runner.js'
export type { Tamper } from './support.js'

export type ContractOptions = {
  /** Rewrites a stored event directly, to prove tampering is detected on re-read. */
  readonly tamper?: Tamper
}

/**
 * Registers the contract suite for one store: every expected-revision mode,
 * answered retries, duplicate ids, racing writers, global order,
 * subscriptions, the hash chain, and the multi-stream read and append
 * (a conflict refuses its own stream only). The store is made once (in `beforeAll`)
 * and closed in `afterAll`; stream names are fresh per test, so a shared
 * server (EventStoreDB) never sees one twice.
 */
export const eventStoreContract = (
  runner: Runner,
  name: string,
  makeStore: () => Promise<EventStore>,
  options: ContractOptions = {},
): void => {
  runner.describe(`EventStore contract: ${name}`, () => {
    let store: EventStore | undefined
    runner.beforeAll(async () => {
      store = await makeStore()
    })
    runner.afterAll(async () => {
      await store?.close()
    })
    const current = () => {
      if (store === undefined) throw new Error(`the store "${name}" was not made: did beforeAll run?`)
      return store
    }
    appendContract(runner, current)
    readContract(runner, current, options.tamper)
    multiStreamContract(runner, current)
  })
}
