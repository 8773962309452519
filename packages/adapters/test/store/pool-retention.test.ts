import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openSqlDatabase } from '../../src/idempotency/sql-database.js'
import type { SqlClient } from '../../src/store/sql/client.js'
import { DATABASE_URL, skipWithoutDatabase } from './pg-support.js'

setFlagsFromString('--expose-gc')
const collectGarbage = runInNewContext('gc') as () => void

// A board's read of a 100,000-session sitting is ~0.9 GB of parsed documents. Through `pool.query`
// the answer stayed reachable from the idle connection until that connection's next checkout: a
// quiet server kept it, and every major GC of the next work (a re-score) marked it again.
describe.skipIf(DATABASE_URL === undefined)(
  `PostgreSQL client: a statement's rows are the caller's alone (${DATABASE_URL === undefined ? skipWithoutDatabase : 'real server'})`,
  () => {
    let client: SqlClient
    beforeAll(async () => {
      client = await openSqlDatabase({ kind: 'postgres', connectionString: DATABASE_URL!, poolSize: 2 })
    })
    afterAll(() => client?.close())

    it('rows the caller dropped are collected while their connection sits idle', async () => {
      let rows: readonly unknown[] | undefined = await client.query(
        'select n, repeat($1, 100) as filler from generate_series(1, 1000) as n',
        ['x'],
      )
      expect(rows).toHaveLength(1000)
      const watched = new WeakRef(rows)
      rows = undefined
      // Let the pool finish its release, then collect: nothing of the answer may be left.
      await new Promise((resolve) => setTimeout(resolve, 50))
      collectGarbage()
      expect(watched.deref()).toBeUndefined()
    })
  },
)
