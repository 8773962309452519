import {
  type Clock,
  type CodesPerNumber,
  createCodesPerNumber,
  createMemorySignInSessions,
  createMemoryThrottleCounters,
  createSqlSignInSessions,
  createSqlThrottleCounters,
  type Leases,
  type Logger,
  type SignInSessions,
} from '@imtahan/adapters'
import { DEFAULT_CODE_LIMIT_POLICY } from '@imtahan/domain'
import {
  createCountedSignInThrottle,
  DEFAULT_SESSION_TTL_SECONDS,
  deriveKey,
  longestMemorySeconds,
  type SignInThrottle,
} from '@imtahan/http'
import type { Backing } from './backing.js'

export type SignInState = {
  readonly sessions: SignInSessions
  readonly throttle: SignInThrottle
  /** Codes sent per phone number across cabinets, in the same counters (keys of their own). */
  readonly codesPerNumber: CodesPerNumber
  /** Stops the periodic clean-up. */
  readonly stop: () => void
}

/** Expired rows never count (every read compares expiry), so cleaning up is only for space: rarely is enough. */
const PURGE_EVERY_MS = 10 * 60 * 1000
const PURGE_LEASE = 'imtahan.sign-in-purge'

/**
 * Sign-in sessions and the sign-in throttle's counters where every process
 * sees them: the store's database (PostgreSQL, PGlite), so a sign-in on one
 * process works on all, a logout is refused by all at once, a restart signs
 * nobody out and failures count wherever they were made. With the memory
 * store or EventStoreDB (one process) they stay in memory. Keys derive from
 * the server secret, so all processes with the same `IMTAHAN_SECRET` agree.
 */
export const openSignInState = async (
  backing: Backing,
  secret: Buffer,
  clock: Clock,
  logger: Logger,
  leases: Leases,
): Promise<SignInState> => {
  const sessionOptions = {
    secret: deriveKey(secret, 'sessions'),
    ttlSeconds: DEFAULT_SESSION_TTL_SECONDS,
    clock,
  }
  const { sql } = backing
  const sessions =
    sql === undefined
      ? createMemorySignInSessions(sessionOptions)
      : await createSqlSignInSessions(sql.client, { ...sessionOptions, schema: sql.schema })
  const counters =
    sql === undefined
      ? createMemoryThrottleCounters()
      : await createSqlThrottleCounters(sql.client, { schema: sql.schema })
  const throttle = createCountedSignInThrottle(counters, deriveKey(secret, 'sign-in-throttle'))
  const codesPerNumber = createCodesPerNumber(counters, deriveKey(secret, 'codes-per-number'))
  // The counters of codes per number remember a day, the sign-in ones an hour: purge after the longer.
  const forgetAfterSeconds = Math.max(longestMemorySeconds(), DEFAULT_CODE_LIMIT_POLICY.windowSeconds)
  // One process purges per round, whichever takes the lease; the others skip. Were two to run (a
  // lease lost mid-purge), nothing breaks: the deletes are idempotent.
  const purge = async () => {
    const lease = await leases.acquire(PURGE_LEASE)
    if (lease === undefined) return [0, 0] as const
    try {
      const now = clock.now()
      return await Promise.all([sessions.purgeExpired(now), counters.purgeExpired(now, forgetAfterSeconds)])
    } finally {
      await lease.release()
    }
  }
  const timer = setInterval(() => {
    purge().then(
      ([expiredSessions, forgottenCounters]) =>
        logger.debug({ expiredSessions, forgottenCounters }, 'purged expired sign-in state'),
      (error: unknown) =>
        logger.warn({ failure: error instanceof Error ? error.name : typeof error }, 'sign-in purge failed'),
    )
  }, PURGE_EVERY_MS)
  timer.unref()
  return { sessions, throttle, codesPerNumber, stop: () => clearInterval(timer) }
}
