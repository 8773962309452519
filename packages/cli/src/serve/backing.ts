import { hostname } from 'node:os'
import {
  type CheckpointStore,
  createLocalLeases,
  createMemoryCheckpointStore,
  createMemoryEventStore,
  createMemoryIdempotencyStore,
  createSqlCheckpointStore,
  createSqlEventStore,
  createSqlIdempotencyStore,
  createSqlViewStore,
  type EventStore,
  HEARTBEAT_IDEMPOTENCY_POLICY,
  type IdempotencyPolicy,
  type IdempotencyStore,
  type Leases,
  type Logger,
  openSqlDatabase,
  type ReadModelStorage,
  type SqlClient,
  sqlLogHead,
} from '@imtahan/adapters'
import { describeStore, pgliteFolder } from '../store-options.js'
import type { ServeOptions } from './options.js'

export { pgliteFolder } from '../store-options.js'

/** How the server's connections show in `pg_stat_activity`, so an operator can tell them apart. */
export const SERVE_APPLICATION_NAME = 'imtahan serve'

/** The event store and what lives beside it; closing the store closes the rest. */
export type Backing = {
  readonly store: EventStore
  readonly idempotency: IdempotencyStore
  readonly checkpoints: CheckpointStore
  /** The read models in the store's database; absent = in memory, rebuilt at every start. */
  readonly readModels?: ReadModelStorage
  /** Who runs each projection and process manager: advisory locks on PostgreSQL, a map otherwise. */
  readonly leases: Leases
  /** Where the data is, for the start-up message; never a password. */
  readonly where: string
  /** Releases the leases, then closes the store (and with it the rest). */
  readonly close: () => Promise<void>
  /** The idempotency store's policy, which the HTTP middleware heartbeats by. */
  readonly idempotencyPolicy: IdempotencyPolicy
  /** PostgreSQL or PGlite: the database itself, for sign-in sessions, throttles and readiness. */
  readonly sql?: { readonly client: SqlClient; readonly schema: string }
}

/**
 * Every process heartbeats its running keys, so the key of a process that
 * died (SIGKILL, lost machine) is free for the client's retry within seconds
 * rather than a minute.
 */
const policy = HEARTBEAT_IDEMPOTENCY_POLICY

/** Names this process among the lease holders and in `pg_stat_activity`. */
export const instanceIdOf = (): string => `${hostname()}:${process.pid}`

const closing = (store: EventStore, leases: Leases) => async () => {
  await leases.close()
  await store.close()
}

/**
 * With PostgreSQL or PGlite, idempotency keys, the checkpoints and the read
 * models are tables in the same database (PGlite: the same single connection, which
 * is all a folder allows). EventStoreDB and memory keep them in memory: keys
 * are then forgotten on restart, and the process runner replays the log,
 * which its derived ids make harmless.
 */
export const openBacking = async (options: ServeOptions, logger?: Logger): Promise<Backing> => {
  const where = describeStore(options)
  switch (options.store) {
    case 'memory':
    case 'eventstoredb': {
      const store =
        options.store === 'memory'
          ? createMemoryEventStore()
          : // Loaded on use: the EventStoreDB client (gRPC) is ~2 MB of JavaScript a PGlite start never needs.
            (await import('@imtahan/adapters/eventstoredb')).createEventStoreDbStore({
              connectionString: options.eventStoreUrl ?? '',
            })
      const leases = createLocalLeases(instanceIdOf())
      return {
        store,
        idempotency: createMemoryIdempotencyStore(policy),
        checkpoints: createMemoryCheckpointStore(),
        leases,
        where,
        idempotencyPolicy: policy,
        close: closing(store, leases),
      }
    }
    default: {
      const postgres = options.store === 'postgres'
      const client = await openSqlDatabase(
        postgres
          ? {
              kind: 'postgres',
              connectionString: options.databaseUrl ?? '',
              applicationName: SERVE_APPLICATION_NAME,
              // The pool replaces the connection; a request that was using it got a 503.
              onIdleError: (error) =>
                logger?.warn(
                  { code: 'code' in error ? error.code : undefined },
                  'database connection lost while idle; the pool opens a new one',
                ),
            }
          : { kind: 'pglite', dataDir: pgliteFolder(options.dataDir) },
      )
      try {
        const schema = options.schema
        const store = await createSqlEventStore(options.store, client, { schema })
        const idempotency = await createSqlIdempotencyStore(client, { schema, policy })
        const checkpoints = await createSqlCheckpointStore(client, schema)
        const views = await createSqlViewStore(client, { schema })
        // PGlite is one process by construction (one open instance per folder): a map is lease enough.
        const leases = postgres
          ? await (await import('@imtahan/adapters/postgres')).createPostgresLeases({
              connectionString: options.databaseUrl ?? '',
              instanceId: instanceIdOf(),
              schema,
            })
          : createLocalLeases(instanceIdOf())
        return {
          store,
          idempotency,
          checkpoints,
          readModels: { store: views, log: sqlLogHead(client, schema) },
          leases,
          where,
          close: closing(store, leases),
          idempotencyPolicy: policy,
          sql: { client, schema },
        }
      } catch (error) {
        await client.close()
        throw error
      }
    }
  }
}
