import { createHmac } from 'node:crypto'

/**
 * Back-off per login as typed, shared by every `imtahan serve` process: a
 * guesser spreading tries over N processes gets no N-fold budget. Named
 * `LoginThrottle` here in adapters because the HTTP package's own throttle
 * (http/src/auth/lockout.ts) is being reworked in parallel; this is the
 * storage behind it (memory, and SQL in login-throttle-sql.ts).
 */
export interface LoginThrottle {
  /** Seconds to wait before this login may try again, or 0. */
  retryAfter(login: string): Promise<number>
  failed(login: string): Promise<void>
  succeeded(login: string): Promise<void>
  /** Forgets entries neither locked nor remembered at `now`; returns how many. */
  purgeExpired(now: Date): Promise<number>
}

export type LockoutPolicy = {
  /** Failed sign-ins in a row that a login may have before it is locked. */
  readonly freeFailures: number
  /** The first lock; each further failure doubles it, up to `maxLockSeconds`. */
  readonly firstLockSeconds: number
  readonly maxLockSeconds: number
  /** Failures older than this are forgotten. */
  readonly forgetAfterSeconds: number
}

export const DEFAULT_LOCKOUT_POLICY: LockoutPolicy = {
  freeFailures: 5,
  firstLockSeconds: 30,
  maxLockSeconds: 15 * 60,
  forgetAfterSeconds: 60 * 60,
}

/** One login's record; times in ms since the epoch. */
export type ThrottleEntry = {
  readonly failures: number
  readonly lastFailureAt: number
  readonly lockedUntil: number
}

/** Whether an entry still counts at `now`: its failures are recent, or it is still locked. */
export const isLive = (entry: ThrottleEntry, now: number, policy: LockoutPolicy): boolean =>
  now - entry.lastFailureAt < policy.forgetAfterSeconds * 1000 || entry.lockedUntil > now

/** The entry after one more failure at `now` (the same rule for every storage). */
export const afterFailure = (
  entry: ThrottleEntry | undefined,
  now: number,
  policy: LockoutPolicy,
): ThrottleEntry => {
  const failures = (entry !== undefined && isLive(entry, now, policy) ? entry.failures : 0) + 1
  const over = failures - policy.freeFailures
  const lockSeconds = over < 0 ? 0 : Math.min(policy.maxLockSeconds, policy.firstLockSeconds * 2 ** over)
  return { failures, lastFailureAt: now, lockedUntil: now + lockSeconds * 1000 }
}

export const secondsLeft = (entry: ThrottleEntry | undefined, now: number, policy: LockoutPolicy): number =>
  entry === undefined || !isLive(entry, now, policy)
    ? 0
    : Math.max(0, Math.ceil((entry.lockedUntil - now) / 1000))

/**
 * The stored key: HMAC(secret, login trimmed and upper-cased). A FIN has few
 * enough values that a plain hash in a table would be a list of FINs that
 * tried to sign in; keyed, the table says nothing without the secret.
 */
export const loginKeyOf = (secret: Buffer) => (login: string) =>
  createHmac('sha256', secret).update(`login\n${login.trim().toUpperCase()}`).digest('base64url')

export type LoginThrottleOptions = {
  readonly secret: Buffer
  readonly clock: { now(): Date }
  readonly policy?: LockoutPolicy
}

/** Bounds the memory an attacker can make one process spend by trying many logins. */
const MAX_ENTRIES = 100_000

/** In one process's memory: the memory store, and tests. A restart forgets the counters. */
export const createMemoryLoginThrottle = ({
  secret,
  clock,
  policy = DEFAULT_LOCKOUT_POLICY,
}: LoginThrottleOptions): LoginThrottle => {
  const entries = new Map<string, ThrottleEntry>()
  const keyOf = loginKeyOf(secret)
  const now = () => clock.now().getTime()
  return {
    retryAfter: async (login) => secondsLeft(entries.get(keyOf(login)), now(), policy),
    failed: async (login) => {
      const key = keyOf(login)
      const next = afterFailure(entries.get(key), now(), policy)
      entries.delete(key)
      if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value as string)
      entries.set(key, next)
    },
    succeeded: async (login) => {
      entries.delete(keyOf(login))
    },
    purgeExpired: async (at) => {
      let purged = 0
      for (const [key, entry] of entries)
        if (!isLive(entry, at.getTime(), policy)) {
          entries.delete(key)
          purged += 1
        }
      return purged
    },
  }
}
