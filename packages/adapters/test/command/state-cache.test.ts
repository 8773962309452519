import { PGlite } from '@electric-sql/pglite'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { conflictBackoffMs } from '../../src/command/backoff.js'
import { createStateCache, handleCommand } from '../../src/command/index.js'
import { createMemoryEventStore } from '../../src/store/memory.js'
import { pgliteSqlClient } from '../../src/store/pglite/client.js'
import type { EventStore } from '../../src/store/port.js'
import { createSqlEventStore } from '../../src/store/sql/store.js'
import { wrapStore } from '../../src/store/wrap-store.js'
import { type AccountCommand, type AccountState, account, accountCodec } from './toy-account.js'

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

  /** Two processes, each with its own store (its own head guesses) and cache, on one database. */
  const inTurn = async (stores: readonly [EventStore, EventStore]) => {
    const seen = { reads: 0, appends: 0, refused: 0 }
    const counted = (inner: EventStore) =>
      wrapStore(inner, {
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
    // As two `imtahan serve` behind a round-robin balancer.
    const processes = stores.map((store) => ({
      store: counted(store),
      cache: createStateCache<AccountState>(),
    }))
    let op = 0
    const deposit = async ({ store, cache }: (typeof processes)[number]) => {
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
    const turns = []
    for (let turn = 0; turn < 4; turn++) for (const server of [a, b]) turns.push(await deposit(server))
    // Once the other stops: caught up once more, then the cache is trusted again.
    turns.push(await deposit(a))
    const alone = [await deposit(a), await deposit(a)]
    expect((await stores[0].readStream('a-3')).length).toBe(13)
    expect(processes.map(({ cache }) => cache.get('a-3')?.state.balance)).toEqual([13, 10])
    return { turns, alone }
  }

  it('two processes writing one stream in turn (PGlite): a refused write hands over the other’s event, so nothing is read', async () => {
    const client = pgliteSqlClient(new PGlite())
    try {
      const stores = [await createSqlEventStore('A', client), await createSqlEventStore('B', client)] as const
      const { turns, alone } = await inTurn(stores)
      for (const turn of turns) expect(turn).toEqual({ reads: 0, appends: 2, refused: 1 })
      for (const turn of alone) expect(turn).toEqual({ reads: 0, appends: 1, refused: 0 })
    } finally {
      await client.close()
    }
  })

  it('two processes writing one stream in turn (memory, a store that hands nothing over): refused, read, written', async () => {
    const store = createMemoryEventStore()
    const { turns, alone } = await inTurn([store, store])
    for (const turn of turns) expect(turn).toEqual({ reads: 1, appends: 2, refused: 1 })
    for (const turn of alone) expect(turn).toEqual({ reads: 0, appends: 1, refused: 0 })
  })

  it('requests of one process racing on one stream all land, and the next one reads nothing', async () => {
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
