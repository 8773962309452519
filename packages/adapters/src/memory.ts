/**
 * `@imtahan/adapters/memory`: the in-memory event store and idempotency store,
 * for tests and pure demos. No database driver is needed.
 *
 * @packageDocumentation
 */

export { createMemoryIdempotencyStore } from './idempotency/memory.js'
export { createMemoryEventStore, type MemoryEventStoreOptions } from './store/memory.js'
