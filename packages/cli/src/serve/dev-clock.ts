import { createDevClock, createSqlDevClockOffsets, type DevClock, type Logger } from '@imtahan/adapters'
import type { Backing } from './backing.js'

/** Background work (sessions closing at their deadline) follows another process's move within this. */
const REFRESH_EVERY_MS = 1_000

/**
 * Dev mode's clock. On PostgreSQL and PGlite its offset is kept in the
 * database, so a restart does not put the clock back behind the events it
 * wrote. On PostgreSQL (`several` processes may share the database) every
 * process keeps one time: each request reads the offset first (a move on one
 * process holds on all from their next request) and a timer follows it
 * between requests. PGlite is one process, so it only reads the offset at
 * start (its queries run on this thread: no per-request read). With the
 * memory store or EventStoreDB the clock is this process's own.
 */
export const openDevClock = async (
  backing: Backing,
  logger: Logger,
  several: boolean,
): Promise<{ readonly clock: DevClock; readonly stop: () => void }> => {
  if (backing.sql === undefined) return { clock: createDevClock(), stop: () => {} }
  const shared = createDevClock(
    undefined,
    await createSqlDevClockOffsets(backing.sql.client, { schema: backing.sql.schema }),
  )
  await shared.refresh()
  if (!several) return { clock: { ...shared, refresh: async () => {} }, stop: () => {} }
  // Requests refresh before they run; this is for the runners and timers between requests.
  const timer = setInterval(() => {
    shared
      .refresh()
      .catch((error: unknown) =>
        logger.debug(
          { failure: error instanceof Error ? error.name : typeof error },
          'dev clock refresh failed',
        ),
      )
  }, REFRESH_EVERY_MS)
  timer.unref()
  return { clock: shared, stop: () => clearInterval(timer) }
}
