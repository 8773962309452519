import { createDevClock, createSqlDevClockOffsets, type DevClock, type Logger } from '@imtahan/adapters'
import type { Backing } from './backing.js'

/** Background work (sessions closing at their deadline) follows another process's move within this. */
const REFRESH_EVERY_MS = 1_000

/**
 * Dev mode's clock. On PostgreSQL and PGlite its offset is kept in the
 * database, so every process on it keeps one time (a move on one holds on all
 * from their next request) and a restart does not put the clock back; with
 * the memory store or EventStoreDB (one process) it is this process's own.
 */
export const openDevClock = async (
  backing: Backing,
  logger: Logger,
): Promise<{ readonly clock: DevClock; readonly stop: () => void }> => {
  if (backing.sql === undefined) return { clock: createDevClock(), stop: () => {} }
  const clock = createDevClock(
    undefined,
    await createSqlDevClockOffsets(backing.sql.client, { schema: backing.sql.schema }),
  )
  await clock.refresh()
  // Requests refresh before they run; this is for the runners and timers between requests.
  const timer = setInterval(() => {
    clock
      .refresh()
      .catch((error: unknown) =>
        logger.debug(
          { failure: error instanceof Error ? error.name : typeof error },
          'dev clock refresh failed',
        ),
      )
  }, REFRESH_EVERY_MS)
  timer.unref()
  return { clock, stop: () => clearInterval(timer) }
}
