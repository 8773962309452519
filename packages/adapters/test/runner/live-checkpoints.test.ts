import { describe, expect, it } from 'vitest'
import { randomId } from '../../src/ids.js'
import type { CheckpointStore } from '../../src/runner/checkpoints.js'
import { createMemoryCheckpointStore, runProcess } from '../../src/runner/index.js'
import { createMemoryEventStore } from '../../src/store/memory.js'
import type { EventStore, Position, RecordedEvent } from '../../src/store/port.js'
import { eventually } from './support.js'

const note = (store: EventStore, type: string, n: number) =>
  store.appendToStream(
    'log',
    Array.from({ length: n }, () => ({ id: randomId(), type, data: {} })),
    'any',
  )

/** Records every save, and what the handler had seen when each was made. */
const recording = (inner: CheckpointStore) => {
  const saves: Position[] = []
  const store: CheckpointStore = {
    load: (name) => inner.load(name),
    save: async (name, position) => {
      saves.push(position)
      await inner.save(name, position)
    },
  }
  return { store, saves }
}

describe('a live process runner saves its checkpoint', () => {
  it('once per batch of events it ignores (not once per event), at the last one when it reaches the end of the log', async () => {
    const store = createMemoryEventStore()
    await note(store, 'Answered', 1200)
    const checkpoints = recording(createMemoryCheckpointStore())
    const subscription = await runProcess({
      store,
      checkpoints: checkpoints.store,
      name: 'p',
      react: () => [],
      dispatch: async () => {},
    })
    const last = (await store.readAll()).at(-1)!.position
    await eventually(async () => (await checkpoints.store.load('p'))?.commit === last.commit, 'caught up')
    await subscription.stop()
    // 500 and 1000 ignored, then the end of the log: 3 saves for 1,200 events.
    expect(checkpoints.saves.length).toBe(3)
    expect(checkpoints.saves.at(-1)).toEqual(last)
  })

  it('before the next event after one it acted on, so a restart never repeats more than one event’s actions', async () => {
    const store = createMemoryEventStore()
    await note(store, 'Answered', 3)
    await note(store, 'Ordered', 1)
    await note(store, 'Answered', 2)
    const events = await store.readAll()
    const checkpoints = recording(createMemoryCheckpointStore())
    const savedWhenHandled: (Position | undefined)[] = []
    const subscription = await runProcess({
      store,
      checkpoints: checkpoints.store,
      name: 'p',
      react: (event: RecordedEvent) => (event.type === 'Ordered' ? ['pay'] : []),
      dispatch: async (_action, { event }) => {
        savedWhenHandled.push(await checkpoints.store.load('p'))
        expect(event.type).toBe('Ordered')
      },
    })
    await eventually(
      async () => (await checkpoints.store.load('p'))?.commit === events.at(-1)!.position.commit,
      'caught up',
    )
    await subscription.stop()
    // The Ordered event (4th) is saved at once, the ignored ones before it with it, the two after at the end.
    expect(savedWhenHandled).toEqual([undefined])
    expect(checkpoints.saves).toEqual([events[3]!.position, events[5]!.position])
  })
})
