/**
 * `@imtahan/adapters/pglite`: the event store on PGlite (PostgreSQL compiled
 * to WebAssembly, in this process). Needs the optional peer dependency
 * `@electric-sql/pglite`.
 *
 * @packageDocumentation
 */
export * from './store/pglite/index.js'
