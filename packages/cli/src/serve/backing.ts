import {
  type CheckpointStore,
  createMemoryCheckpointStore,
  createMemoryEventStore,
  createMemoryIdempotencyStore,
  createSqlCheckpointStore,
  createSqlEventStore,
  createSqlIdempotencyStore,
  type EventStore,
  HEARTBEAT_IDEMPOTENCY_POLICY,
  type IdempotencyPolicy,
  type IdempotencyStore,
  type Logger,
  openSqlDatabase,
  type SqlClient,
} from '@imtahan/adapters'
import { createEventStoreDbStore } from '@imtahan/adapters/eventstoredb'
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
  /** Where the data is, for the start-up message; never a password. */
  readonly where: string
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

/**
 * With PostgreSQL or PGlite, idempotency keys and the process checkpoint are
 * tables in the same database (PGlite: the same single connection, which
 * is all a folder allows). EventStoreDB and memory keep them in memory: keys
 * are then forgotten on restart, and the process runner replays the log,
 * which its derived ids make harmless.
 */
export const openBacking = async (options: ServeOptions, logger?: Logger): Promise<Backing> => {
  const where = describeStore(options)
  switch (options.store) {
    case 'memory':
      return {
        store: createMemoryEventStore(),
        idempotency: createMemoryIdempotencyStore(policy),
        checkpoints: createMemoryCheckpointStore(),
        where,
        idempotencyPolicy: policy,
      }
    case 'eventstoredb':
      return {
        store: createEventStoreDbStore({ connectionString: options.eventStoreUrl ?? '' }),
        idempotency: createMemoryIdempotencyStore(policy),
        checkpoints: createMemoryCheckpointStore(),
        where,
        idempotencyPolicy: policy,
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
        return {
          store,
          idempotency: await createSqlIdempotencyStore(client, { schema, policy }),
          checkpoints: await createSqlCheckpointStore(client, schema),
          where,
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
