import { describe, expect, it } from 'vitest'
import { randomId } from '../../src/ids.js'
import {
  type CheckpointStore,
  catchUpProjection,
  createMemoryCheckpointStore,
  rebuildProjection,
  runProjection,
} from '../../src/runner/index.js'
import { createMemoryEventStore } from '../../src/store/memory.js'
import type { EventStore, RecordedEvent } from '../../src/store/port.js'
import { eventually } from './support.js'

const deposit = (store: EventStore, streamId: string, amount: number) =>
  store.appendToStream(
    streamId,
    [{ id: randomId(), type: 'Deposited', data: { opId: randomId(), amount } }],
    'any',
  )

/** An idempotent view: balances per stream, keyed by event id so a re-delivery changes nothing. */
const balancesView = () => {
  const seen = new Map<string, { streamId: string; amount: number }>()
  return {
    project: async (event: RecordedEvent) => {
      if (event.type === 'Deposited')
        seen.set(event.id, { streamId: event.streamId, amount: Number(event.data.amount) })
    },
    reset: async () => seen.clear(),
    balances: () => {
      const totals: Record<string, number> = {}
      for (const { streamId, amount } of seen.values()) totals[streamId] = (totals[streamId] ?? 0) + amount
      return totals
    },
  }
}

describe('projection runner', () => {
  it('catches up from its checkpoint: each run handles only what is new', async () => {
    const [store, checkpoints, view] = [
      createMemoryEventStore(),
      createMemoryCheckpointStore(),
      balancesView(),
    ]
    await deposit(store, 'a', 10)
    await deposit(store, 'b', 5)
    await deposit(store, 'a', 1)
    const options = { store, checkpoints, name: 'balances', project: view.project }
    const first = await catchUpProjection(options)
    expect(first.processed).toBe(3)
    expect(view.balances()).toEqual({ a: 11, b: 5 })
    const all = await store.readAll()
    expect(await checkpoints.load('balances')).toEqual(all[2]?.position)
    await deposit(store, 'b', 2)
    expect((await catchUpProjection(options)).processed).toBe(1)
    expect((await catchUpProjection(options)).processed).toBe(0)
    expect(view.balances()).toEqual({ a: 11, b: 7 })
  })

  it('reads the log in batches without missing or repeating an event', async () => {
    const [store, view] = [createMemoryEventStore(), balancesView()]
    for (let n = 1; n <= 7; n++) await deposit(store, `s${n % 2}`, n)
    const handled: string[] = []
    const result = await catchUpProjection({
      store,
      checkpoints: createMemoryCheckpointStore(),
      name: 'batched',
      project: async (event) => {
        handled.push(event.id)
        await view.project(event)
      },
      batchSize: 3,
    })
    expect(result.processed).toBe(7)
    expect(handled).toEqual((await store.readAll()).map((event) => event.id))
  })

  it('after a crash mid-way it resumes at the failed event (at-least-once), and rebuild gives the same view', async () => {
    const [store, checkpoints, view] = [
      createMemoryEventStore(),
      createMemoryCheckpointStore(),
      balancesView(),
    ]
    for (const amount of [1, 2, 4, 8, 16]) await deposit(store, 'a', amount)
    let calls = 0
    const crashing = async (event: RecordedEvent) => {
      calls += 1
      await view.project(event)
      if (calls === 3) throw new Error('crash after projecting, before the checkpoint')
    }
    await expect(catchUpProjection({ store, checkpoints, name: 'p', project: crashing })).rejects.toThrow(
      'crash',
    )
    expect(await checkpoints.load('p')).toEqual((await store.readAll())[1]?.position)
    const resumed = await catchUpProjection({ store, checkpoints, name: 'p', project: view.project })
    expect(resumed.processed).toBe(3)
    expect(view.balances()).toEqual({ a: 31 })
    const rebuilt = await rebuildProjection({
      store,
      checkpoints,
      name: 'p',
      project: view.project,
      reset: view.reset,
    })
    expect(rebuilt.processed).toBe(5)
    expect(view.balances()).toEqual({ a: 31 })
  })

  it('runs live: follows events appended after it started, from its checkpoint', async () => {
    const [store, checkpoints, view] = [
      createMemoryEventStore(),
      createMemoryCheckpointStore(),
      balancesView(),
    ]
    await deposit(store, 'a', 1)
    await catchUpProjection({ store, checkpoints, name: 'live', project: view.project })
    const subscription = await runProjection({ store, checkpoints, name: 'live', project: view.project })
    await deposit(store, 'a', 2)
    await deposit(store, 'b', 3)
    await eventually(() => view.balances().b === 3, 'the live projection')
    await subscription.stop()
    expect(view.balances()).toEqual({ a: 3, b: 3 })
    expect(await checkpoints.load('live')).toEqual((await store.readAll())[2]?.position)
  })
})

describe('memory checkpoint store', () => {
  it('keeps one position per runner name', async () => {
    const checkpoints: CheckpointStore = createMemoryCheckpointStore()
    expect(await checkpoints.load('x')).toBeUndefined()
    await checkpoints.save('x', { commit: 3n, prepare: 3n })
    await checkpoints.save('y', { commit: 1n, prepare: 1n })
    expect(await checkpoints.load('x')).toEqual({ commit: 3n, prepare: 3n })
  })
})
