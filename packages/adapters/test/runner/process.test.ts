import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { handleCommand, loadStream } from '../../src/command/index.js'
import { randomId } from '../../src/ids.js'
import { catchUpProcess, createMemoryCheckpointStore, runProcess } from '../../src/runner/index.js'
import { createMemoryEventStore } from '../../src/store/memory.js'
import type { EventStore, RecordedEvent } from '../../src/store/port.js'
import { account, accountCodec } from '../command/toy-account.js'
import { eventually } from './support.js'

/** A toy cross-aggregate process: an order on `orders` pays both parties' accounts. */
type Payout = { readonly account: string; readonly amount: number }
const react = (event: RecordedEvent): readonly Payout[] =>
  event.type === 'Ordered'
    ? [
        { account: 'seller', amount: Number(event.data.amount) },
        { account: 'agent', amount: 1 },
      ]
    : []

const payOut =
  (store: EventStore) =>
  async (payout: Payout, { commandId }: { commandId: string }) => {
    const result = await handleCommand({
      store,
      decider: account,
      codec: accountCodec,
      streamId: payout.account,
      command: { type: 'Deposit', opId: commandId, amount: payout.amount },
      context: undefined,
      commandId,
    })
    if (E.isLeft(result)) throw new Error(result.left.message)
  }

const order = (store: EventStore, amount: number) =>
  store.appendToStream('orders', [{ id: randomId(), type: 'Ordered', data: { amount } }], 'any')

const balanceOf = async (store: EventStore, streamId: string) => {
  const loaded = await loadStream(store, account, accountCodec, streamId)
  return { balance: loaded.state.balance, events: loaded.events.length }
}

describe('process runner', () => {
  it('dispatches the follow-ups of every event once and moves the checkpoint', async () => {
    const [store, checkpoints] = [createMemoryEventStore(), createMemoryCheckpointStore()]
    for (const amount of [10, 20, 30]) await order(store, amount)
    const options = { store, checkpoints, name: 'payouts', react, dispatch: payOut(store) }
    expect((await catchUpProcess(options)).processed).toBe(3)
    expect(await balanceOf(store, 'seller')).toEqual({ balance: 60, events: 3 })
    expect(await balanceOf(store, 'agent')).toEqual({ balance: 3, events: 3 })
  })

  it('a runner that dies after dispatching but before checkpointing re-dispatches on restart, and each effect lands once', async () => {
    const [store, checkpoints] = [createMemoryEventStore(), createMemoryCheckpointStore()]
    for (const amount of [10, 20, 30, 40]) await order(store, amount)
    let dispatched = 0
    const dispatchThenDie = async (payout: Payout, context: { commandId: string }) => {
      await payOut(store)(payout, context)
      dispatched += 1
      if (dispatched === 5) throw new Error('process killed') // the seller of the 3rd order is paid, its agent not
    }
    const crashing = { store, checkpoints, name: 'payouts', react, dispatch: dispatchThenDie }
    await expect(catchUpProcess(crashing)).rejects.toThrow('process killed')
    expect(await balanceOf(store, 'seller')).toEqual({ balance: 60, events: 3 })
    const restarted = await catchUpProcess({ ...crashing, dispatch: payOut(store) })
    // The 3rd order again, the 4th, and the 5 deposits that were in the log when it restarted.
    expect(restarted.processed).toBe(7)
    expect(await balanceOf(store, 'seller')).toEqual({ balance: 100, events: 4 })
    expect(await balanceOf(store, 'agent')).toEqual({ balance: 4, events: 4 })
  })

  it('runs live and stops cleanly', async () => {
    const [store, checkpoints] = [createMemoryEventStore(), createMemoryCheckpointStore()]
    const subscription = await runProcess({
      store,
      checkpoints,
      name: 'payouts',
      react,
      dispatch: payOut(store),
    })
    await order(store, 7)
    await eventually(async () => (await balanceOf(store, 'agent')).events === 1, 'the live process')
    await subscription.stop()
    expect(await balanceOf(store, 'seller')).toEqual({ balance: 7, events: 1 })
  })
})
