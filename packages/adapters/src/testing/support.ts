import { randomUUID } from 'node:crypto'
import {
  type EventStore,
  type NewEvent,
  type Position,
  type RecordedEvent,
  WrongExpectedVersionError,
} from '../store/port.js'
import type { Runner } from './runner.js'

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

export const conflict = async (
  { expect }: Runner,
  promise: Promise<unknown>,
): Promise<WrongExpectedVersionError> => {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  expect(error).toBeInstanceOf(WrongExpectedVersionError)
  return error as WrongExpectedVersionError
}

/** Checks until `check` passes or `timeoutMs` runs out, then rethrows its last failure. */
export const eventually = async (check: () => void, timeoutMs = 5_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      check()
      return
    } catch (error) {
      if (Date.now() > deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }
}

export const onlyStreams = (all: readonly RecordedEvent[], ...streamIds: string[]) =>
  all.filter((recorded) => streamIds.includes(recorded.streamId))

/** A position just before the test's own events in the global log. */
export const checkpoint = async (store: EventStore): Promise<Position> =>
  (await store.appendToStream(newStream('marker'), [event('Marker')], 'no_stream')).position
