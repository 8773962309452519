/**
 * `@imtahan/adapters/postgres`: the event store on PostgreSQL 13 or newer
 * through `pg` (an optional peer dependency; its types come with this package).
 *
 * @packageDocumentation
 */

/** Leases across processes on one PostgreSQL database (advisory locks): here, because they hold `pg` connections. */
export * from './runner/pg-lease.js'
export * from './store/postgres/index.js'
