import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openSqlDatabase } from '../../src/idempotency/sql-database.js'
import type { SqlClient } from '../../src/store/sql/client.js'
import { createSqlViewStore, viewStatements } from '../../src/views/sql-store.js'
import type { ViewStore } from '../../src/views/store.js'
import { DATABASE_URL, dropSchema, freshSchemaName, skipWithoutDatabase } from '../store/pg-support.js'

const VIEW = 'big'
const DOCUMENTS = 20_000
const keyOf = (n: number) => `doc:${String(n).padStart(6, '0')}`

type PlanNode = {
  readonly 'Relation Name'?: string
  readonly 'Actual Rows'?: number
  readonly 'Actual Loops'?: number
  readonly 'Rows Removed by Filter'?: number
  readonly 'Rows Removed by Index Recheck'?: number
  readonly Plans?: readonly PlanNode[]
}

/** Every row the plan's scans of `view_documents` looked at: returned, filtered out or rechecked away. */
const documentRowsVisited = (node: PlanNode): number => {
  const own =
    node['Relation Name'] === 'view_documents'
      ? (node['Actual Rows'] ?? 0) * (node['Actual Loops'] ?? 1) +
        (node['Rows Removed by Filter'] ?? 0) +
        (node['Rows Removed by Index Recheck'] ?? 0)
      : 0
  return own + (node.Plans ?? []).reduce((sum, child) => sum + documentRowsVisited(child), 0)
}

// A projection batch loads the few documents its events touch. On a generation the planner has no
// statistics for (a rebuild's new one; a database without autovacuum), an earlier form of the load
// scanned every document of the generation and filtered by key: each batch slower than the one
// before, and a 10-million-event build quadratic. The load must probe by key whatever the statistics.
describe.skipIf(DATABASE_URL === undefined)(
  `view documents on PostgreSQL: a batch reads only the documents it names (${DATABASE_URL === undefined ? skipWithoutDatabase : 'real server'})`,
  () => {
    const schema = freshSchemaName('probe')
    let client: SqlClient
    let views: ViewStore
    beforeAll(async () => {
      client = await openSqlDatabase({ kind: 'postgres', connectionString: DATABASE_URL! })
      views = await createSqlViewStore(client, { schema })
      await views.startGeneration(VIEW, 1)
      const documents = Array.from({ length: DOCUMENTS }, (_, n) => ({
        key: keyOf(n),
        doc: { n },
        lookup: `group:${n % 10}`,
      }))
      await views.batch(VIEW, 1, (tx) => tx.write(documents, { commit: 1n, prepare: 1n }))
      await views.activate(VIEW, 1, '1')
    }, 60_000)
    afterAll(async () => {
      await client?.close()
      await dropSchema(schema)
    })

    it(`loading 3 keys of a ${DOCUMENTS.toLocaleString('en-US')}-document generation never analysed visits 3 rows`, async () => {
      const keys = [keyOf(7), keyOf(12_345), keyOf(19_999)]
      const [row] = await client.query<{ 'QUERY PLAN': readonly { Plan: PlanNode }[] }>(
        `explain (analyze, format json) ${viewStatements(schema).load}`,
        [VIEW, 1, JSON.stringify(keys)],
      )
      const plan = row!['QUERY PLAN'][0]!.Plan
      expect(documentRowsVisited(plan)).toBe(3)
    })

    it('a batch that removes documents removes exactly those', async () => {
      const gone = [keyOf(3), keyOf(4)]
      await views.batch(VIEW, 1, async (tx) => {
        expect([...(await tx.load([...gone, 'doc:none'])).keys()].sort()).toEqual(gone)
        await tx.write(
          gone.map((key) => ({ key, doc: undefined, lookup: undefined })),
          { commit: 2n, prepare: 2n },
        )
      })
      await views.batch(VIEW, 1, async (tx) => {
        expect((await tx.load([keyOf(2), ...gone, keyOf(5)])).size).toBe(2)
      })
      expect(await views.get(VIEW, keyOf(3))).toBeUndefined()
      expect(await views.get(VIEW, keyOf(2))).toEqual({ n: 2 })
    })
  },
)
