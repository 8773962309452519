import type { EventStore } from '../../src/store/port.js'

/** A store that delegates to `inner` except where a test overrides a method (to slow it, fail it…). */
export const wrapStore = (inner: EventStore, overrides: Partial<EventStore>): EventStore => ({
  name: inner.name,
  readStream: (...args) => inner.readStream(...args),
  readStreams: (...args) => inner.readStreams(...args),
  appendToStream: (...args) => inner.appendToStream(...args),
  appendToStreams: (...args) => inner.appendToStreams(...args),
  readAll: (...args) => inner.readAll(...args),
  subscribeToAll: (options) => inner.subscribeToAll(options),
  close: () => inner.close(),
  ...overrides,
})
