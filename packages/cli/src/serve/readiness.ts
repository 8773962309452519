import {
  type CheckpointStore,
  type LogHead,
  PROCESS_RUNNER_NAME,
  scanningLogHead,
  sqlLogHead,
} from '@imtahan/adapters'
import { DEFAULT_MAX_LAG, type Readiness } from '@imtahan/http'
import type { Backing } from './backing.js'

/** The runners whose lag readiness watches: today the process runner; persisted views add theirs. */
const WATCHED = [PROCESS_RUNNER_NAME]

const lagsOf =
  (head: LogHead, checkpoints: CheckpointStore) => async (): Promise<Readonly<Record<string, number>>> =>
    Object.fromEntries(
      await Promise.all(
        WATCHED.map(async (name) => [name, await head.countAfter(await checkpoints.load(name))] as const),
      ),
    )

/**
 * What `/health/ready` and the lag gauge read: the store answers one cheap
 * query, and each watched runner's checkpoint is within `maxLag` events of
 * the head of the log (counted by the store's own visibility rule). The
 * memory store counts by scanning, which is cheap there; EventStoreDB has no
 * checkpoint table to compare, so only its ping counts.
 */
export const readinessOf = (backing: Backing, maxLag = DEFAULT_MAX_LAG): Readiness => {
  const { sql, store, checkpoints } = backing
  if (sql !== undefined)
    return {
      ping: async () => {
        await sql.client.query('select 1')
      },
      lags: lagsOf(sqlLogHead(sql.client, sql.schema), checkpoints),
      maxLag,
    }
  const ping = async () => {
    await store.readStream('imtahan-health-probe')
  }
  return store.name === 'memory'
    ? { ping, lags: lagsOf(scanningLogHead(store), checkpoints), maxLag }
    : { ping, maxLag }
}
