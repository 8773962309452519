import { PGlite } from '@electric-sql/pglite'
import * as E from 'fp-ts/lib/Either.js'
import { afterEach, describe, expect, it } from 'vitest'
import { createCacheFollower } from '../../../src/application/shared/cache-follower.js'
import { createCachedStreams } from '../../../src/application/shared/cached-streams.js'
import { systemCall } from '../../../src/application/shared/caller.js'
import { pgliteSqlClient } from '../../../src/store/pglite/client.js'
import type { EventStore } from '../../../src/store/port.js'
import { createSqlEventStore } from '../../../src/store/sql/store.js'
import { wrapStore } from '../../../src/store/wrap-store.js'
import { type AccountCommand, account, accountCodec } from '../../command/toy-account.js'
import { isHeadLookUp, isWrite, recording } from '../../store/statement-log.js'

const ACCOUNT = { decider: account, codec: accountCodec, streamOf: (id: string) => `account-${id}` }

/** One "process": its own store (head guesses), its cached streams, and what it asked the store. */
const processOn = async (db: PGlite, name: string) => {
  const watched = recording(pgliteSqlClient(db))
  const seen = { reads: 0, refused: 0 }
  const inner = await createSqlEventStore(name, watched.client)
  const store: EventStore = wrapStore(inner, {
    readStream: (...args) => {
      seen.reads += 1
      return inner.readStream(...args)
    },
    appendToStream: async (...args) => {
      try {
        return await inner.appendToStream(...args)
      } catch (error) {
        seen.refused += 1
        throw error
      }
    },
  })
  const follower = createCacheFollower(store, { busyMs: 5, idleMs: 20 })
  const accounts = createCachedStreams(follower.store, ACCOUNT)
  const run = async (id: string, command: AccountCommand) => {
    const done = await accounts.run(id, { command, context: undefined, call: systemCall('test') })
    expect(E.isRight(done)).toBe(true)
  }
  return { accounts, follower, run, seen, statements: watched.statements }
}

const until = async (condition: () => boolean) => {
  for (let waited = 0; !condition(); waited += 5) {
    if (waited > 5_000) throw new Error('the follower did not catch up within 5 s')
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

describe("a process's cache follows what other processes write (cache-follower.ts)", () => {
  const stops: AbortController[] = []
  afterEach(() => {
    for (const stop of stops.splice(0)) stop.abort()
  })

  it('another process’s writes reach the cache from the log: the next command neither reads nor is refused', async () => {
    const db = new PGlite()
    const [a, b] = [await processOn(db, 'A'), await processOn(db, 'B')]
    const stop = new AbortController()
    stops.push(stop)
    const following = b.follower.run([b.accounts], stop.signal)
    await b.run('1', { type: 'Deposit', opId: 'b1', amount: 10 })
    await a.run('1', { type: 'Deposit', opId: 'a1', amount: 5 })
    await a.run('1', { type: 'Withdraw', opId: 'a2', amount: 3 })
    await until(() => b.accounts.peek('1')?.revision === 2n)
    expect(b.accounts.peek('1')?.state.balance).toBe(12)

    const before = { ...b.seen, statements: b.statements.length }
    await b.run('1', { type: 'Withdraw', opId: 'b2', amount: 12 })
    expect(b.seen).toEqual({ reads: before.reads, refused: before.refused })
    const since = b.statements.slice(before.statements)
    expect(since.filter(isHeadLookUp)).toEqual([])
    expect(since.filter(isWrite)).toHaveLength(1)
    stop.abort()
    await following
  })

  it('an entry the log shows to be more than one event behind is dropped, and the next command reads it', async () => {
    const db = new PGlite()
    const [a, b] = [await processOn(db, 'A'), await processOn(db, 'B')]
    await b.run('2', { type: 'Deposit', opId: 'b1', amount: 1 })
    await a.run('2', { type: 'Deposit', opId: 'a1', amount: 1 })
    const [, second] = await a.follower.store.readStream('account-2')
    await a.run('2', { type: 'Deposit', opId: 'a2', amount: 1 })
    const third = (await a.follower.store.readStream('account-2'))[2]!
    // B missed the second event: the third does not follow on from what B holds.
    b.accounts.follow(third)
    expect(b.accounts.peek('2')).toBeUndefined()
    await b.run('2', { type: 'Deposit', opId: 'b2', amount: 1 })
    expect(b.accounts.peek('2')).toMatchObject({ revision: 3n, state: { balance: 4 } })
    // Events the entry holds already change nothing.
    b.accounts.follow(second!)
    expect(b.accounts.peek('2')).toMatchObject({ revision: 3n, state: { balance: 4 } })
  })

  it('follows nothing before this process first writes, then only what comes after that write', async () => {
    const db = new PGlite()
    const [a, b] = [await processOn(db, 'A'), await processOn(db, 'B')]
    const stop = new AbortController()
    stops.push(stop)
    const seen: bigint[] = []
    const following = b.follower.run([{ follow: (event) => void seen.push(event.revision) }], stop.signal)
    await a.run('3', { type: 'Deposit', opId: 'a1', amount: 1 })
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(seen).toEqual([])
    await b.run('4', { type: 'Deposit', opId: 'b1', amount: 1 })
    await a.run('3', { type: 'Deposit', opId: 'a2', amount: 1 })
    await until(() => seen.length > 0)
    expect(seen).toEqual([1n])
    stop.abort()
    await following
  })
})
