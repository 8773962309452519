/**
 * `@imtahan/adapters/postgres`: the event store on PostgreSQL 13 or newer
 * through `pg` (an optional peer dependency; its types come with this package).
 *
 * @packageDocumentation
 */
export * from './store/postgres/index.js'
