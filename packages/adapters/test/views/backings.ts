import { openSqlDatabase } from '../../src/idempotency/sql-database.js'
import { createMemoryEventStore } from '../../src/store/memory.js'
import type { EventStore } from '../../src/store/port.js'
import { createSqlEventStore } from '../../src/store/sql/store.js'
import {
  createMemoryViewStore,
  createSqlViewStore,
  type LogHead,
  scanningLogHead,
  sqlLogHead,
  type ViewStore,
} from '../../src/views/index.js'
import { DATABASE_URL, dropSchema, freshSchemaName } from '../store/pg-support.js'

export type ViewBacking = {
  readonly events: EventStore
  readonly views: ViewStore
  readonly log: LogHead
  readonly close: () => Promise<void>
}

const memory = async (): Promise<ViewBacking> => {
  const events = createMemoryEventStore()
  return { events, views: createMemoryViewStore(), log: scanningLogHead(events), close: async () => {} }
}

const pglite = async (): Promise<ViewBacking> => {
  const client = await openSqlDatabase({ kind: 'pglite' })
  const events = await createSqlEventStore('pglite', client, { maxWritesInFlight: 1 })
  return {
    events,
    views: await createSqlViewStore(client),
    log: sqlLogHead(client, 'imtahan'),
    close: () => events.close(),
  }
}

const postgres = async (): Promise<ViewBacking> => {
  const schema = freshSchemaName('views')
  const client = await openSqlDatabase({ kind: 'postgres', connectionString: DATABASE_URL!, poolSize: 4 })
  const events = await createSqlEventStore('postgres', client, { schema })
  return {
    events,
    views: await createSqlViewStore(client, { schema }),
    log: sqlLogHead(client, schema),
    close: async () => {
      await events.close()
      await dropSchema(schema)
    },
  }
}

/** Every storage the views run on: memory and PGlite always, PostgreSQL when `DATABASE_URL` says where. */
export const BACKINGS: readonly (readonly [string, () => Promise<ViewBacking>])[] = [
  ['memory', memory],
  ['PGlite', pglite],
  ...(DATABASE_URL ? ([['PostgreSQL', postgres]] as const) : []),
]
