import { randomUUID } from 'node:crypto'
import type { EventStore, RecordedEvent } from '../../src/store/port.js'
import type { AnyViewDefinition, ViewDefinition } from '../../src/views/index.js'

/** The toy view: how many events each stream type (the stream id before `-`) has. */
export type Count = { readonly type: string; readonly count: number }

export const streamType = (event: RecordedEvent) => event.streamId.split('-')[0]!

export const countsView = (overrides: Partial<ViewDefinition<Count>> = {}): AnyViewDefinition => ({
  name: 'counts',
  version: '1',
  keysOf: (event) => [streamType(event)],
  apply: (doc, event) => ({ type: streamType(event), count: (doc?.count ?? 0) + 1 }),
  // Money streams are looked up together: the indexed `lookup` column at work.
  lookupOf: (doc) => (doc.type === 'account' || doc.type === 'payment' ? 'money' : 'people'),
  ...overrides,
})

export const TYPES = ['account', 'payment', 'cabinet'] as const

/** Appends `n` events round-robin over the three types; returns how many each got. */
export const appendEvents = async (store: EventStore, n: number, tally = new Map<string, number>()) => {
  for (let i = 0; i < n; i++) {
    const type = TYPES[i % TYPES.length]!
    await store.appendToStream(
      `${type}-${randomUUID()}`,
      [{ id: randomUUID(), type: 'Happened', data: { i } }],
      'no_stream',
    )
    tally.set(type, (tally.get(type) ?? 0) + 1)
  }
  return tally
}

/** Counts the events a runner reads, so "reads only what follows its checkpoint" is measured, not timed. */
export const countingReads = (store: EventStore) => {
  let read = 0
  const counted: EventStore = {
    ...store,
    readAll: async (options) => {
      const events = await store.readAll(options)
      read += events.length
      return events
    },
  }
  return { store: counted, read: () => read, reset: () => (read = 0) }
}
