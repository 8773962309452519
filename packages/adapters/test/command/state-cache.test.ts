import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { conflictBackoffMs } from '../../src/command/backoff.js'
import { createStateCache, handleCommand } from '../../src/command/index.js'
import { createMemoryEventStore } from '../../src/store/memory.js'
import type { EventStore } from '../../src/store/port.js'
import { type AccountCommand, type AccountState, account, accountCodec } from './toy-account.js'
import { wrapStore } from './wrap-store.js'

const countingReads = (store: EventStore) => {
  const seen = { reads: 0 }
  return {
    seen,
    store: wrapStore(store, {
      readStream: (...args) => {
        seen.reads += 1
        return store.readStream(...args)
      },
    }),
  }
}

describe('handleCommand with a state cache', () => {
  it('decides on the cached state without reading, and a stale entry costs one conflict, never a wrong write', async () => {
    const inner = createMemoryEventStore()
    const { store, seen } = countingReads(inner)
    const cache = createStateCache<AccountState>()
    const run = (command: AccountCommand, via: EventStore = store) =>
      handleCommand({
        store: via,
        decider: account,
        codec: accountCodec,
        streamId: 'a-1',
        command,
        context: undefined,
        cache,
      })
    expect(E.isRight(await run({ type: 'Deposit', opId: '1', amount: 10 }))).toBe(true)
    const readsAfterFirst = seen.reads
    expect(E.isRight(await run({ type: 'Deposit', opId: '2', amount: 5 }))).toBe(true)
    expect(seen.reads).toBe(readsAfterFirst)
    // Another writer appends behind the cache's back: the next command conflicts, reads the rest, decides again.
    await handleCommand({
      store: inner,
      decider: account,
      codec: accountCodec,
      streamId: 'a-1',
      command: { type: 'Withdraw', opId: '3', amount: 15 },
      context: undefined,
    })
    const refused = await run({ type: 'Withdraw', opId: '4', amount: 1 })
    expect(E.isLeft(refused)).toBe(true)
    expect(cache.get('a-1')?.state.balance).toBe(0)
  })

  it('backs off 1 ms growing to at most 50 ms, with jitter', () => {
    expect(conflictBackoffMs(0, () => 1)).toBe(1)
    expect(conflictBackoffMs(0, () => 0)).toBe(0.5)
    expect(conflictBackoffMs(3, () => 1)).toBe(8)
    expect(conflictBackoffMs(20, () => 1)).toBe(50)
  })
})
