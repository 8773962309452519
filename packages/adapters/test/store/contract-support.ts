import { randomUUID } from 'node:crypto'
import { expect } from 'vitest'
import {
  type EventStore,
  type NewEvent,
  type Position,
  type RecordedEvent,
  WrongExpectedVersionError,
} from '../../src/index.js'

/** Changes a stored event behind the store's back, for stores that can (SQL). */
export type Tamper = (streamId: string, revision: bigint, data: Record<string, unknown>) => Promise<void>

/** The store under test, created in the suite's beforeAll. */
export type StoreRef = () => EventStore

export const event = (type = 'Something', data: Record<string, unknown> = {}): NewEvent => ({
  id: randomUUID(),
  type,
  data,
})

export const events = (count: number, type = 'Counted'): NewEvent[] =>
  Array.from({ length: count }, (_, index) => event(type, { index }))

/** A fresh stream per test, so a shared server (EventStoreDB) never sees a name twice. */
export const newStream = (prefix = 'contract') => `${prefix}-${randomUUID()}`

export const conflict = async (promise: Promise<unknown>): Promise<WrongExpectedVersionError> => {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  expect(error).toBeInstanceOf(WrongExpectedVersionError)
  return error as WrongExpectedVersionError
}

export const onlyStreams = (all: readonly RecordedEvent[], ...streamIds: string[]) =>
  all.filter((recorded) => streamIds.includes(recorded.streamId))

/**
 * The behaviour every EventStore promises (port.ts). Each store's test file
/** A position just before the test's own events in the global log. */
export const checkpoint = async (store: EventStore): Promise<Position> =>
  (await store.appendToStream(newStream('marker'), [event('Marker')], 'no_stream')).position
