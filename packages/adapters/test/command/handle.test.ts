import * as fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { handleCommand, loadStream, MalformedEventError } from '../../src/command/index.js'
import { randomId } from '../../src/ids.js'
import { createMemoryEventStore } from '../../src/store/memory.js'
import { type EventStore, WrongExpectedVersionError } from '../../src/store/port.js'
import { wrapStore } from '../../src/store/wrap-store.js'
import { type AccountCommand, account, accountCodec } from './toy-account.js'

const run = (
  store: EventStore,
  command: AccountCommand,
  extra: { commandId?: string; maxRetries?: number } = {},
) =>
  handleCommand({
    store,
    decider: account,
    codec: accountCodec,
    streamId: 'account-1',
    command,
    context: undefined,
    ...extra,
  })

const balance = async (store: EventStore) =>
  (await loadStream(store, account, accountCodec, 'account-1')).state.balance

/** Lets every concurrent reader load before anyone appends, so conflicts really happen. */
const withSlowReads = (store: EventStore) => {
  const seen = { conflicts: 0 }
  const wrapped = wrapStore(store, {
    readStream: async (...args) => {
      const events = await store.readStream(...args)
      await new Promise((resolve) => setTimeout(resolve, 1))
      return events
    },
    appendToStream: (...args) =>
      store.appendToStream(...args).catch((error: unknown) => {
        if (error instanceof WrongExpectedVersionError) seen.conflicts += 1
        throw error
      }),
  })
  return { store: wrapped, seen }
}

describe('handleCommand', () => {
  it('decides, appends with the event context and returns the new revision', async () => {
    const store = createMemoryEventStore()
    const result = await handleCommand({
      store,
      decider: account,
      codec: accountCodec,
      streamId: 'account-1',
      command: { type: 'Deposit', opId: 'd1', amount: 100 },
      context: undefined,
      eventContext: { correlationId: 'req-1', causationId: 'req-1', principal: 'cabinet:10000014' },
    })
    expect(E.isRight(result) && result.right.events).toEqual([{ type: 'Deposited', opId: 'd1', amount: 100 }])
    expect(E.isRight(result) && result.right.nextExpectedRevision).toBe(0n)
    const [stored] = await store.readStream('account-1')
    expect(stored).toMatchObject({ type: 'Deposited', data: { opId: 'd1', amount: 100 }, revision: 0n })
    expect(stored?.data).not.toHaveProperty('type')
    expect(stored?.metadata).toMatchObject({ correlationId: 'req-1', principal: 'cabinet:10000014' })
  })

  it('a refusal is returned as is and appends nothing', async () => {
    const store = createMemoryEventStore()
    await run(store, { type: 'Deposit', opId: 'd1', amount: 10 })
    const refused = await run(store, { type: 'Withdraw', opId: 'w1', amount: 11 })
    expect(E.isLeft(refused) && refused.left.code).toBe('wallet.insufficient_funds')
    expect(await store.readStream('account-1')).toHaveLength(1)
  })

  it('a command that changes nothing appends nothing and reports where the stream stands', async () => {
    const store = createMemoryEventStore()
    await run(store, { type: 'Deposit', opId: 'd1', amount: 10 })
    const again = await run(store, { type: 'Deposit', opId: 'd1', amount: 10 })
    expect(again).toEqual(E.right({ events: [], nextExpectedRevision: 0n }))
  })

  it('concurrent commands are re-decided on conflict: the outcome is as if they ran one after another', async () => {
    const { store, seen } = withSlowReads(createMemoryEventStore())
    await run(store, { type: 'Deposit', opId: 'd1', amount: 100 })
    const outcomes = await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        run(store, { type: 'Withdraw', opId: `w${n}`, amount: 30 }, { maxRetries: 10 }),
      ),
    )
    expect(seen.conflicts).toBeGreaterThan(0)
    expect(outcomes.filter(E.isRight)).toHaveLength(3)
    expect(outcomes.filter(E.isLeft).map((o) => E.isLeft(o) && o.left.code)).toEqual([
      'wallet.insufficient_funds',
      'wallet.insufficient_funds',
    ])
    expect(await balance(store)).toBe(10)
    expect((await store.readStream('account-1')).map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n])
  })

  it('property: concurrent withdrawals never overdraw and the balance adds up to what was recorded', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 6 }),
        async (amounts) => {
          const { store } = withSlowReads(createMemoryEventStore())
          await run(store, { type: 'Deposit', opId: 'd', amount: 100 })
          const outcomes = await Promise.all(
            amounts.map((amount, n) =>
              run(store, { type: 'Withdraw', opId: `w${n}`, amount }, { maxRetries: 10 }),
            ),
          )
          const taken = amounts.filter((_, n) => E.isRight(outcomes[n] ?? E.left(null)))
          const left = await balance(store)
          expect(left).toBe(100 - taken.reduce((a, b) => a + b, 0))
          expect(left).toBeGreaterThanOrEqual(0)
          for (const [n, outcome] of outcomes.entries())
            if (E.isLeft(outcome)) expect(amounts[n]).toBeGreaterThan(left)
        },
      ),
      { numRuns: 25 },
    )
  })

  it('gives up with command.concurrency_exhausted after the allowed retries, recording nothing', async () => {
    const inner = createMemoryEventStore()
    let competitors = 0
    const store = wrapStore(inner, {
      appendToStream: async (streamId, events, expected, context) => {
        // Someone else always writes first.
        competitors += 1
        const theirs = { id: randomId(), type: 'Deposited', data: { opId: `c${competitors}`, amount: 1 } }
        await inner.appendToStream(streamId, [theirs], expected)
        return inner.appendToStream(streamId, events, expected, context)
      },
    })
    const result = await run(store, { type: 'Deposit', opId: 'mine', amount: 5 }, { maxRetries: 2 })
    expect(E.isLeft(result) && result.left).toMatchObject({
      code: 'command.concurrency_exhausted',
      details: { streamId: 'account-1', attempts: 3 },
    })
    const recorded = await inner.readStream('account-1')
    expect(recorded.map((e) => e.data.opId)).toEqual(['c1', 'c2', 'c3'])
  })

  it('a malformed stored event is an error naming the stream and revision, never skipped', async () => {
    const store = createMemoryEventStore()
    await run(store, { type: 'Deposit', opId: 'd1', amount: 10 })
    await store.appendToStream(
      'account-1',
      [{ id: randomId(), type: 'Deposited', data: { opId: 'd2', amount: 'ten' } }],
      0n,
    )
    const attempt = run(store, { type: 'Deposit', opId: 'd3', amount: 1 })
    await expect(attempt).rejects.toBeInstanceOf(MalformedEventError)
    await expect(attempt).rejects.toThrow(/revision 1 of stream account-1.*amount/)
    expect(await store.readStream('account-1')).toHaveLength(2)
  })
})
