/**
 * `@imtahan/adapters/eventstoredb`: the event store on EventStoreDB through
 * `@eventstore/db-client` v6 (an optional peer dependency).
 *
 * @packageDocumentation
 */
export * from './store/eventstoredb/index.js'
