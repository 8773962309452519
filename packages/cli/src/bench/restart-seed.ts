import { randomUUID } from 'node:crypto'
import {
  createProjectionRunner,
  createSqlCheckpointStore,
  createSqlEventStore,
  createSqlViewStore,
  openSqlDatabase,
  PROCESS_RUNNER_NAME,
  sqlLogHead,
  VIEW_DEFINITIONS,
} from '@imtahan/adapters'
import { dropPostgresSchema } from '@imtahan/adapters/postgres'
import { VERIFIED_CHECKPOINT } from '../serve/log-check.js'
import { benchSitting } from './exam-data.js'
import { seedSitting } from './exam-scenarios.js'
import type { Measured } from './scenarios.js'

/** A finished session with its seat is ~101 events (registration … ~100 answers … end). */
const EVENTS_PER_SESSION = 101
/**
 * Sessions per sitting: a realistic size. Chosen when the results view kept
 * one document per sitting (a catch-up cost the square of a sitting's size);
 * with one document per session that cost is gone (not re-measured here),
 * and what a restart reads does not depend on it.
 */
const SITTING = 1_000
/** Events per view transaction while seeding: fewer, larger transactions. */
const SEED_BATCH = 10_000

/** A schema holding a log as a server left it at shutdown, plus a tail written since. */
export type RestartLog = {
  readonly schema: string
  /** Events up to the checkpoints (the history). */
  readonly history: number
  /** Events after every checkpoint (written while no server ran). */
  readonly tail: number
  readonly seed: Measured
  /** The views' catch-up over the history, as the previous server did it while it ran. */
  readonly catchUp: Measured
  readonly drop: () => Promise<void>
}

/**
 * Seeds a log for the restart benchmark, only for the bench: finished exam
 * sessions decided by the real deciders (`exam-data.ts`) and appended
 * through the store (so the hash chain is the store's own), in sittings of
 * 10,000; then the persisted views caught up by the product's runner and
 * the start-up check's and process runner's checkpoints set at the head, as
 * a server leaves them when it stops; then `tail` more events that no
 * checkpoint has seen.
 */
export const seedRestartLog = async (
  connectionString: string,
  events: number,
  tailEvents: number,
): Promise<RestartLog> => {
  const schema = `bench_restart_${randomUUID().replace(/-/g, '').slice(0, 12)}`
  const client = await openSqlDatabase({ kind: 'postgres', connectionString, poolSize: 10 })
  const drop = () => dropPostgresSchema(connectionString, schema)
  try {
    const store = await createSqlEventStore('postgres', client, { schema })
    const started = performance.now()
    let history = 0
    let sessions = Math.max(1, Math.round(events / EVENTS_PER_SESSION))
    for (let sitting = 1; sessions > 0; sitting++) {
      const count = Math.min(SITTING, sessions)
      history += (await seedSitting(store, benchSitting(count, 'AA', 11 + sitting, `restart-${sitting}`)))
        .events
      sessions -= count
    }
    const seed = { events: history, seconds: (performance.now() - started) / 1000 }

    const log = sqlLogHead(client, schema)
    const views = await createSqlViewStore(client, { schema })
    const runner = createProjectionRunner({
      events: store,
      views,
      log,
      definitions: VIEW_DEFINITIONS,
      batchSize: SEED_BATCH,
    })
    const caughtUp = performance.now()
    await runner.catchUp()
    const catchUp = { events: history, seconds: (performance.now() - caughtUp) / 1000 }
    const head = await log.head()
    if (head === undefined) throw new Error('restart bench: the seeded log is empty')
    const checkpoints = await createSqlCheckpointStore(client, schema)
    await checkpoints.save(VERIFIED_CHECKPOINT, head)
    await checkpoints.save(PROCESS_RUNNER_NAME, head)

    const tailSessions = Math.max(1, Math.round(tailEvents / EVENTS_PER_SESSION))
    const tail = await seedSitting(store, benchSitting(tailSessions, 'AA', 7, 'restart-tail'))
    await store.close()
    return { schema, history, tail: tail.events, seed, catchUp, drop }
  } catch (error) {
    await client.close()
    await drop()
    throw error
  }
}
