import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMemoryEventStore, hashEvent } from '../../src/index.js'
import { createTestClock } from '../../src/ports/clock.js'
import { eventStoreContract } from '../../src/testing/index.js'

eventStoreContract({ describe, it, expect, beforeAll, afterAll }, 'memory', async () =>
  createMemoryEventStore(),
)

describe('memory store specifics', () => {
  it('stamps recordedAt from its clock and hashes it, so the chain covers the time', async () => {
    const clock = createTestClock('2026-06-01T09:00:00Z')
    const store = createMemoryEventStore({ clock })
    await store.appendToStream('s-1', [{ id: randomUUID(), type: 'T', data: {} }], 'no_stream')
    const [recorded] = await store.readStream('s-1')
    expect(recorded!.metadata.recordedAt).toBe('2026-06-01T09:00:00.000Z')
    expect(
      hashEvent({ ...recorded!, ...recorded!.metadata, recordedAt: '2026-06-01T09:00:01.000Z' }),
    ).not.toBe(recorded!.metadata.hash)
  })

  it('keeps its own copy: changing the data object after appending or reading changes nothing stored', async () => {
    const store = createMemoryEventStore()
    const data = { list: [1] }
    await store.appendToStream('s-2', [{ id: randomUUID(), type: 'T', data }], 'no_stream')
    data.list.push(2)
    const [recorded] = await store.readStream('s-2')
    expect(recorded!.data).toEqual({ list: [1] })
    expect(() => (recorded!.data.list as number[]).push(3)).toThrow(TypeError)
  })

  it('refuses an event id that is not a UUID, before writing anything', async () => {
    const store = createMemoryEventStore()
    await expect(
      store.appendToStream('s-3', [{ id: 'not-a-uuid', type: 'T', data: {} }], 'any'),
    ).rejects.toThrow(/must be a UUID/)
    expect(await store.readStream('s-3')).toEqual([])
  })
})
