/**
 * Counters behind the sign-in back-off (http/src/auth/lockout.ts decides
 * who is counted — each login, each client address — and with what policy).
 * Kept here as a storage port so several `imtahan serve` processes share
 * them: a guesser spreading tries over N processes gets no N-fold budget.
 * Keys arrive already hashed; nothing here sees a login or an address.
 */
export interface ThrottleCounters {
  /** Seconds before `key` may try again, or 0. */
  retryAfter(key: string, now: Date, policy: BackoffPolicy): Promise<number>
  /** One more failure for `key`, locking it as `policy` says. */
  failed(key: string, now: Date, policy: BackoffPolicy): Promise<void>
  clear(key: string): Promise<void>
  /** Forgets counters neither locked nor failed within `forgetAfterSeconds` at `now`; returns how many. */
  purgeExpired(now: Date, forgetAfterSeconds: number): Promise<number>
}

/** The shape of http's `LockoutPolicy`, repeated so the storage needs nothing from http. */
export type BackoffPolicy = {
  readonly freeFailures: number
  readonly firstLockSeconds: number
  readonly maxLockSeconds: number
  readonly forgetAfterSeconds: number
}

/** One key's record; times in ms since the epoch. */
export type ThrottleEntry = {
  readonly failures: number
  readonly lastFailureAt: number
  readonly lockedUntil: number
}

/** Whether an entry still counts at `now`: its failures are recent, or it is still locked. */
export const isLive = (entry: ThrottleEntry, now: number, forgetAfterSeconds: number): boolean =>
  now - entry.lastFailureAt < forgetAfterSeconds * 1000 || entry.lockedUntil > now

/** The entry after one more failure at `now` (the same rule for every storage). */
export const afterFailure = (
  entry: ThrottleEntry | undefined,
  now: number,
  policy: BackoffPolicy,
): ThrottleEntry => {
  const failures =
    (entry !== undefined && isLive(entry, now, policy.forgetAfterSeconds) ? entry.failures : 0) + 1
  const over = failures - policy.freeFailures
  const lockSeconds = over < 0 ? 0 : Math.min(policy.maxLockSeconds, policy.firstLockSeconds * 2 ** over)
  return { failures, lastFailureAt: now, lockedUntil: now + lockSeconds * 1000 }
}

export const secondsLeft = (entry: ThrottleEntry | undefined, now: number, policy: BackoffPolicy): number =>
  entry === undefined || !isLive(entry, now, policy.forgetAfterSeconds)
    ? 0
    : Math.max(0, Math.ceil((entry.lockedUntil - now) / 1000))

/** Bounds the memory an attacker can make one process spend by trying many keys. */
const MAX_ENTRIES = 100_000

/** In one process's memory: the memory store, and tests. A restart forgets the counters. */
export const createMemoryThrottleCounters = (): ThrottleCounters => {
  const entries = new Map<string, ThrottleEntry>()
  return {
    retryAfter: async (key, now, policy) => secondsLeft(entries.get(key), now.getTime(), policy),
    failed: async (key, now, policy) => {
      const next = afterFailure(entries.get(key), now.getTime(), policy)
      entries.delete(key)
      if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value as string)
      entries.set(key, next)
    },
    clear: async (key) => {
      entries.delete(key)
    },
    purgeExpired: async (now, forgetAfterSeconds) => {
      let purged = 0
      for (const [key, entry] of entries)
        if (!isLive(entry, now.getTime(), forgetAfterSeconds)) {
          entries.delete(key)
          purged += 1
        }
      return purged
    },
  }
}
