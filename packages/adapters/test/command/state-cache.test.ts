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

  it('a refusal or a no-op decided on a stale cache (another process wrote since) is decided again on the stream', async () => {
    const inner = createMemoryEventStore()
    const cache = createStateCache<AccountState>()
    const handle = (command: AccountCommand, withCache: boolean) =>
      handleCommand({
        store: inner,
        decider: account,
        codec: accountCodec,
        streamId: 'a-2',
        command,
        context: undefined,
        ...(withCache ? { cache } : {}),
      })
    expect(E.isRight(await handle({ type: 'Deposit', opId: '1', amount: 1 }, true))).toBe(true)
    // Another process deposits: this cache still says 1.
    expect(E.isRight(await handle({ type: 'Deposit', opId: '2', amount: 9 }, false))).toBe(true)
    // Refused on the cached 1, allowed on the stored 10.
    const withdrawn = await handle({ type: 'Withdraw', opId: '3', amount: 5 }, true)
    expect(E.isRight(withdrawn) && withdrawn.right.events).toEqual([
      { type: 'Withdrawn', opId: '3', amount: 5 },
    ])
    expect(cache.get('a-2')?.state.balance).toBe(5)
    // Nothing was written since: the refusal stands after one read of nothing new.
    const refused = await handle({ type: 'Withdraw', opId: '4', amount: 6 }, true)
    expect(E.isLeft(refused) && refused.left.code).toBe('wallet.insufficient_funds')
  })

  it('two processes writing one stream in turn: after one refused write each reads first, never refused again', async () => {
    const inner = createMemoryEventStore()
    const seen = { reads: 0, appends: 0, refused: 0 }
    const store = wrapStore(inner, {
      readStream: (...args) => {
        seen.reads += 1
        return inner.readStream(...args)
      },
      appendToStream: async (...args) => {
        seen.appends += 1
        try {
          return await inner.appendToStream(...args)
        } catch (error) {
          seen.refused += 1
          throw error
        }
      },
    })
    // Each process has its own cache, as two `imtahan serve` behind a round-robin balancer.
    const processes = [createStateCache<AccountState>(), createStateCache<AccountState>()]
    let op = 0
    const deposit = async (cache: (typeof processes)[number]) => {
      op += 1
      const before = { ...seen }
      const answer = await handleCommand({
        store,
        decider: account,
        codec: accountCodec,
        streamId: 'a-3',
        command: { type: 'Deposit', opId: String(op), amount: 1 },
        context: undefined,
        cache,
      })
      expect(E.isRight(answer)).toBe(true)
      return {
        reads: seen.reads - before.reads,
        appends: seen.appends - before.appends,
        refused: seen.refused - before.refused,
      }
    }
    const [a, b] = processes as [(typeof processes)[number], (typeof processes)[number]]
    await deposit(a)
    await deposit(b)
    // Each finds its cache stale once: a refused write, then a read of what the other wrote.
    expect(await deposit(a)).toMatchObject({ refused: 1 })
    expect(await deposit(b)).toMatchObject({ refused: 1 })
    // From then on, in turn: one read (the other's event) and one write, none refused.
    for (let turn = 0; turn < 4; turn++)
      for (const cache of [a, b]) expect(await deposit(cache)).toEqual({ reads: 1, appends: 1, refused: 0 })
    // Once the other stops: one read finds nothing new, and the cache is trusted again (no read at all).
    expect(await deposit(a)).toEqual({ reads: 1, appends: 1, refused: 0 })
    expect(await deposit(a)).toEqual({ reads: 1, appends: 1, refused: 0 })
    expect(await deposit(a)).toEqual({ reads: 0, appends: 1, refused: 0 })
    expect((await inner.readStream('a-3')).length).toBe(15)
    expect(processes.map((cache) => cache.get('a-3')?.state.balance)).toEqual([15, 12])
  })

  it('requests of one process racing on one stream do not mark it contested: the next one reads nothing', async () => {
    const inner = createMemoryEventStore()
    const { store, seen } = countingReads(inner)
    const cache = createStateCache<AccountState>()
    const deposit = (opId: string) =>
      handleCommand({
        store,
        decider: account,
        codec: accountCodec,
        streamId: 'a-4',
        command: { type: 'Deposit', opId, amount: 1 },
        context: undefined,
        cache,
      })
    expect(E.isRight(await deposit('0'))).toBe(true)
    // Eight at once on the same cached revision: seven are refused and retried.
    const raced = await Promise.all(['1', '2', '3', '4', '5', '6', '7', '8'].map(deposit))
    expect(raced.every(E.isRight)).toBe(true)
    expect(cache.get('a-4')).toMatchObject({ revision: 8n, state: { balance: 9 } })
    expect(cache.get('a-4')?.contested).toBeUndefined()
    const reads = seen.reads
    expect(E.isRight(await deposit('9'))).toBe(true)
    expect(seen.reads).toBe(reads)
  })

  it('backs off 1 ms growing to at most 50 ms, with jitter', () => {
    expect(conflictBackoffMs(0, () => 1)).toBe(1)
    expect(conflictBackoffMs(0, () => 0)).toBe(0.5)
    expect(conflictBackoffMs(3, () => 1)).toBe(8)
    expect(conflictBackoffMs(20, () => 1)).toBe(50)
  })
})
