/**
 * The little SQL the event store needs, so `pg` (a pool of connections) and
 * PGlite (one embedded connection) can run exactly the same statements.
 * Parameters are strings or null: callers render bigints and JSON themselves,
 * so neither driver's type guessing can change a value.
 */
export type SqlParam = string | number | null

export type SqlRow = Record<string, unknown>

export interface SqlQuery {
  query<R extends SqlRow = SqlRow>(text: string, params?: readonly SqlParam[]): Promise<readonly R[]>
}

export interface SqlClient extends SqlQuery {
  /** Runs `fn` in one transaction on one connection: committed if it resolves, rolled back if it throws. */
  transaction<T>(fn: (tx: SqlQuery) => Promise<T>): Promise<T>
  close(): Promise<void>
}

/** The SQLSTATE of an error thrown by either driver, if any. */
export const sqlState = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/

/** The schema name, checked and quoted: it is the one identifier we splice into SQL. */
export const quoteSchema = (schema: string): string => {
  if (!IDENTIFIER.test(schema)) {
    throw new TypeError(`schema must be lower-case letters, digits and _ (at most 63), got "${schema}"`)
  }
  return `"${schema}"`
}
