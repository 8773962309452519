import { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSqlCheckpointStore, ensureCheckpointTable } from '../../src/runner/index.js'
import { START } from '../../src/store/port.js'
import type { SqlClient, SqlParam, SqlQuery } from '../../src/store/sql/client.js'

/** The smallest SqlClient over an in-memory PGlite, so this test needs no server. */
const pgliteClient = (db: PGlite): SqlClient => {
  const over = (q: Pick<PGlite, 'query'>): SqlQuery => ({
    query: async <R>(text: string, params: readonly SqlParam[] = []) =>
      (await q.query<R>(text, [...params])).rows as readonly R[],
  })
  return { ...over(db), transaction: (fn) => db.transaction((tx) => fn(over(tx))), close: () => db.close() }
}

describe('SQL checkpoint store (PGlite)', () => {
  let client: SqlClient
  beforeAll(async () => {
    client = pgliteClient(new PGlite())
  })
  afterAll(async () => client.close())

  it('keeps one position per runner across store instances, beyond the signed 64-bit range', async () => {
    const checkpoints = await createSqlCheckpointStore(client, 'imtahan_test')
    expect(await checkpoints.load('balances')).toBeUndefined()
    const huge = { commit: 2n ** 64n - 1n, prepare: 9_007_199_254_740_993n }
    await checkpoints.save('balances', huge)
    await checkpoints.save('payouts', START)
    const reopened = await createSqlCheckpointStore(client, 'imtahan_test')
    expect(await reopened.load('balances')).toEqual(huge)
    expect(await reopened.load('payouts')).toEqual(START)
    await reopened.save('balances', { commit: 3n, prepare: 4n })
    expect(await checkpoints.load('balances')).toEqual({ commit: 3n, prepare: 4n })
  })

  it('creating the table is idempotent, also when started concurrently', async () => {
    await Promise.all([1, 2, 3].map(() => ensureCheckpointTable(client, 'imtahan_other')))
    await ensureCheckpointTable(client, 'imtahan_other')
    const [row] = await client.query<{ n: string }>(
      `select count(*)::text as n from information_schema.tables where table_name = 'checkpoints'`,
    )
    expect(row?.n).toBe('2')
  })
})
