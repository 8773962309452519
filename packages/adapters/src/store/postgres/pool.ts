import pg from 'pg'

export type PgPoolOptions = {
  readonly connectionString: string
  readonly max?: number
  /**
   * Shown as `application_name` in `pg_stat_activity`, so an operator (or a
   * drill) can tell this process's connections from everyone else's.
   */
  readonly applicationName?: string
  /** Told when an idle connection dies (server restart, `pg_terminate_backend`); the pool replaces it. */
  readonly onIdleError?: (error: Error) => void
}

/**
 * A `pg` pool that survives losing a connection. Without an `error` listener
 * an idle connection killed by the server is an uncaught exception that ends
 * the process; with one, the pool drops that connection and opens a new one
 * on the next checkout. A statement running on a killed connection still
 * fails, and its caller answers that (503 over HTTP).
 */
export const createPgPool = (options: PgPoolOptions): pg.Pool => {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    // The store's statements are short index lookups whose row estimates over a JSON batch are
    // guesses; with JIT on, PostgreSQL compiled a 1,000-stream read for longer than it ran
    // (200 of 250 ms, docs/benchmarks.md). An operator's own `options` in the URL still win.
    options: '-c jit=off',
    ...(options.applicationName === undefined ? {} : { application_name: options.applicationName }),
  })
  pool.on('error', (error) => options.onIdleError?.(error))
  return pool
}
