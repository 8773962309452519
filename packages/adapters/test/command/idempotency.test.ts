import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { defaultEventIdFor, handleCommand } from '../../src/command/index.js'
import { createMemoryEventStore } from '../../src/store/memory.js'
import type { EventStore } from '../../src/store/port.js'
import { wrapStore } from '../../src/store/wrap-store.js'
import { account, accountCodec, counter, counterCodec } from './toy-account.js'

const run = (store: EventStore, commandId: string) =>
  handleCommand({
    store,
    decider: account,
    codec: accountCodec,
    streamId: 'account-1',
    command: { type: 'Deposit', opId: 'd1', amount: 10 },
    context: undefined,
    commandId,
  })

/** The counter is not idempotent by itself: only the derived event ids can protect it. */
const increment = (store: EventStore, commandId?: string) =>
  handleCommand({
    store,
    decider: counter,
    codec: counterCodec,
    streamId: 'counter-1',
    command: 'increment',
    context: undefined,
    ...(commandId === undefined ? {} : { commandId }),
  })

describe('handleCommand: idempotency by command id', () => {
  it('with a command id, event ids are derived, so the same command gives the same ids', async () => {
    const [a, b] = [createMemoryEventStore(), createMemoryEventStore()]
    for (const store of [a, b]) await run(store, 'cmd-1')
    const [first] = await a.readStream('account-1')
    expect(first?.id).toBe((await b.readStream('account-1'))[0]?.id)
    expect(first?.id).toBe(
      defaultEventIdFor({ streamId: 'account-1', revision: 'no_stream', index: 0, commandId: 'cmd-1' }),
    )
  })

  it('a retry after a lost answer is answered, not applied twice, even by a decider that is not idempotent', async () => {
    const inner = createMemoryEventStore()
    const flaky = wrapStore(inner, {
      appendToStream: async (...args) => {
        await inner.appendToStream(...args)
        throw new Error('connection reset')
      },
    })
    await expect(increment(flaky, 'cmd-7')).rejects.toThrow('connection reset')
    const retry = await increment(inner, 'cmd-7')
    expect(retry).toEqual(
      E.right({
        events: [{ type: 'Incremented' }],
        nextExpectedRevision: 0n,
        position: expect.anything(),
        replayed: true,
      }),
    )
    expect(await inner.readStream('counter-1')).toHaveLength(1)
  })

  it('without a command id, two identical commands are two facts with distinct ids', async () => {
    const store = createMemoryEventStore()
    for (const _ of [1, 2]) await increment(store)
    const [one, two] = await store.readStream('counter-1')
    expect(one?.id).not.toBe(two?.id)
  })
})
