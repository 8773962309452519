import { openSqlDatabase } from '../../src/idempotency/sql-database.js'
import { createSqlCheckpointStore } from '../../src/runner/sql-checkpoints.js'
import { createSqlEventStore } from '../../src/store/sql/store.js'
import { DATABASE_URL, dropSchema, freshSchemaName } from '../store/pg-support.js'

export type Kind = 'pglite' | 'postgres'

/** The kinds a drill runs on: PGlite always, PostgreSQL when `DATABASE_URL` says where. */
export const KINDS: readonly Kind[] = DATABASE_URL ? ['pglite', 'postgres'] : ['pglite']

/**
 * An event store and a checkpoint table in one database, as `imtahan serve`
 * has them: what a restarted process finds is exactly what the killed one
 * left, because both live in the database, not in the process.
 */
export const openSqlBacking = async (kind: Kind, label: string) => {
  const schema = kind === 'postgres' ? freshSchemaName(label) : 'imtahan'
  const client =
    kind === 'postgres'
      ? await openSqlDatabase({ kind: 'postgres', connectionString: DATABASE_URL!, poolSize: 4 })
      : await openSqlDatabase({ kind: 'pglite' })
  const store = await createSqlEventStore(kind, client, { schema })
  const checkpoints = await createSqlCheckpointStore(client, schema)
  return {
    store,
    checkpoints,
    client,
    schema,
    close: async () => {
      await store.close()
      if (kind === 'postgres') await dropSchema(schema)
    },
  }
}
