import {
  type CheckpointStore,
  createProjectionRunner,
  type EventStore,
  type LogHead,
  PROCESS_RUNNER_NAME,
  type ReadModelStorage,
  scanningLogHead,
  sqlLogHead,
  VIEW_DEFINITIONS,
} from '@imtahan/adapters'
import { DEFAULT_MAX_LAG, type Readiness } from '@imtahan/http'
import type { Backing } from './backing.js'

type Lags = Readonly<Record<string, number>>

/**
 * Lags are counted up to this many events (or just past `maxLag` if that is
 * larger): enough for the gauge to show a backlog, and every probe an index
 * range scan of bounded size rather than a count of the history (log-head.ts).
 */
const LAG_COUNT_CAP = 100_000
const capOf = (maxLag: number) => Math.max(LAG_COUNT_CAP, maxLag + 1)

/** The process manager: its checkpoint against the head of the log. */
const processLag = async (head: LogHead, checkpoints: CheckpointStore, atMost: number): Promise<Lags> => ({
  [PROCESS_RUNNER_NAME]: await head.countAfter(await checkpoints.load(PROCESS_RUNNER_NAME), atMost),
})

/**
 * The persisted views, as their runner reports them (`status()` reads the
 * views table and the log, never writes). Only the lease holder moves them
 * on, but every process reads the same rows, so every process reports the
 * same lag and a load balancer sees one truth.
 */
const viewLags = (store: EventStore, readModels: ReadModelStorage, atMost: number) => {
  const runner = createProjectionRunner({
    events: store,
    views: readModels.store,
    log: readModels.log,
    definitions: VIEW_DEFINITIONS,
  })
  return async (): Promise<Lags> =>
    Object.fromEntries((await runner.status({ atMost })).map((status) => [status.view, status.behind]))
}

/**
 * What `/health/ready` and the lag gauge read: the store answers one cheap
 * query, and the process manager and every persisted view are within
 * `maxLag` events of the head of the log (counted by the store's visibility
 * rule). The memory store counts by scanning, cheap there, and keeps its
 * views in memory; EventStoreDB has no checkpoint table, so only its ping counts.
 */
export const readinessOf = (backing: Backing, maxLag = DEFAULT_MAX_LAG): Readiness => {
  const { sql, store, checkpoints, readModels } = backing
  if (sql !== undefined) {
    const head = sqlLogHead(sql.client, sql.schema)
    const atMost = capOf(maxLag)
    const views = readModels === undefined ? async () => ({}) : viewLags(store, readModels, atMost)
    return {
      ping: async () => {
        await sql.client.query('select 1')
      },
      lags: async () => ({ ...(await processLag(head, checkpoints, atMost)), ...(await views()) }),
      maxLag,
    }
  }
  const ping = async () => {
    await store.readStream('imtahan-health-probe')
  }
  const head = scanningLogHead(store)
  return store.name === 'memory'
    ? { ping, lags: () => processLag(head, checkpoints, capOf(maxLag)), maxLag }
    : { ping, maxLag }
}
