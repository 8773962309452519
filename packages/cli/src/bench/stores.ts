import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  createMemoryEventStore,
  createSqlEventStore,
  createSqlViewStore,
  type EventStore,
  openSqlDatabase,
  type ReadModelStorage,
  type SqlClient,
  type SqlEventStoreOptions,
  sqlLogHead,
} from '@imtahan/adapters'
import { dropPostgresSchema } from '@imtahan/adapters/postgres'

/**
 * A store under test, where its read models live (in its own database, as
 * `imtahan serve` keeps them; absent for the memory store: views in memory)
 * and how to leave nothing behind.
 */
export type OpenedStore = {
  readonly store: EventStore
  readonly readModels?: ReadModelStorage
  readonly cleanup: () => Promise<void>
}

export type BenchStore = { readonly name: string; readonly open: () => Promise<OpenedStore> }

const memory: BenchStore = {
  name: 'memory',
  open: async () => ({ store: createMemoryEventStore(), cleanup: async () => {} }),
}

/** The event store and the views on one database connection, as serve's backing opens them. */
const onDatabase = async (
  kind: 'pglite' | 'postgres',
  client: SqlClient,
  options: SqlEventStoreOptions & { readonly schema: string },
) => {
  const store = await createSqlEventStore(kind, client, options)
  const views = await createSqlViewStore(client, { schema: options.schema })
  return { store, readModels: { store: views, log: sqlLogHead(client, options.schema) } }
}

/** PGlite as the zero-setup default runs it: in a data folder (a fresh temporary one here). */
const pglite: BenchStore = {
  name: 'PGlite (folder)',
  open: async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'imtahan-bench-'))
    const client = await openSqlDatabase({ kind: 'pglite', dataDir })
    // One connection: a second statement in flight would only wait for the first.
    const { store, readModels } = await onDatabase('pglite', client, {
      schema: 'imtahan',
      maxWritesInFlight: 1,
    })
    return {
      store,
      readModels,
      cleanup: async () => {
        await store.close()
        await rm(dataDir, { recursive: true, force: true })
      },
    }
  },
}

/** PostgreSQL in a schema of its own, dropped afterwards. */
const postgres = (connectionString: string, poolSize: number): BenchStore => ({
  name: 'PostgreSQL',
  open: async () => {
    const schema = `bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`
    const client = await openSqlDatabase({ kind: 'postgres', connectionString, poolSize })
    const { store, readModels } = await onDatabase('postgres', client, { schema })
    return {
      store,
      readModels,
      cleanup: async () => {
        await store.close()
        await dropPostgresSchema(connectionString, schema)
      },
    }
  },
})

/**
 * The stores to measure: PostgreSQL only when DATABASE_URL says where it is.
 * `only` (BENCH_STORES, e.g. `postgres` or `memory,pglite`) keeps those whose
 * name contains one of the words, to repeat one store's runs while tuning it.
 */
/** Whether BENCH_STORES (`only`) lets a scenario named `name` run: yes when unset or when a word matches. */
export const selects = (only: string | undefined, name: string): boolean => {
  const words = (only ?? '')
    .toLowerCase()
    .split(',')
    .map((word) => word.trim())
    .filter((word) => word !== '')
  return words.length === 0 || words.some((word) => name.toLowerCase().includes(word))
}

export const benchStores = (
  databaseUrl: string | undefined,
  poolSize: number,
  only?: string,
): BenchStore[] => {
  const all = [memory, pglite, ...(databaseUrl ? [postgres(databaseUrl, poolSize)] : [])]
  return all.filter((store) => selects(only, store.name))
}
