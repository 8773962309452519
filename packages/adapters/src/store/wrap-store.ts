import type { EventStore } from './port.js'

/**
 * A store that delegates to `inner` except where `overrides` replaces a
 * method: how a decorator (append metrics, the cache follower noting its
 * process's first write, a test slowing or failing a call) stays one
 * override instead of a copy of the whole port.
 */
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
