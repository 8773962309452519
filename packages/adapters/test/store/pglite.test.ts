import { PGlite } from '@electric-sql/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pgliteSqlClient } from '../../src/store/pglite/client.js'
import { createSqlEventStore } from '../../src/store/sql/store.js'
import { eventStoreContract } from '../../src/testing/index.js'
import { tamperWith } from './pg-support.js'

// The PGlite instance is opened here (not by createPgliteEventStore) so the
// test can reach the table behind the store's back to tamper with it.
const client = pgliteSqlClient(new PGlite())

eventStoreContract(
  { describe, it, expect, beforeAll, afterAll },
  'PGlite (in memory)',
  () => createSqlEventStore('pglite', client, { schema: 'imtahan' }),
  {
    tamper: tamperWith(client, 'imtahan'),
  },
)
