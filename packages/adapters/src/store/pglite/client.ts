import type { PGlite, Transaction } from '@electric-sql/pglite'
import type { SqlClient, SqlParam, SqlQuery, SqlRow } from '../sql/client.js'

/** One-at-a-time gate: PGlite is a single connection, so a transaction must not interleave with other work. */
const createMutex = () => {
  let tail: Promise<unknown> = Promise.resolve()
  return <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work, work)
    tail = run.catch(() => {})
    return run
  }
}

const queryOn = (target: PGlite | Transaction): SqlQuery['query'] =>
  (async <R extends SqlRow>(text: string, params: readonly SqlParam[] = []) =>
    (await target.query<R>(text, [...params])).rows) as SqlQuery['query']

/** `SqlClient` over one PGlite instance, every statement and transaction behind one mutex. */
export const pgliteSqlClient = (db: PGlite): SqlClient => {
  const exclusive = createMutex()
  const query = queryOn(db)
  return {
    query: ((text: string, params?: readonly SqlParam[]) =>
      exclusive(() => query(text, params))) as SqlQuery['query'],
    transaction: (fn) => exclusive(() => db.transaction((tx) => fn({ query: queryOn(tx) }))),
    close: () => exclusive(() => db.close()),
  }
}
