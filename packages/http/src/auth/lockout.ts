import { createHash } from 'node:crypto'
import type { Clock } from '@imtahan/adapters'

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

type Entry = { readonly failures: number; readonly lastFailureAt: number; readonly lockedUntil: number }

/** Bounds the memory an attacker can make us spend by trying many logins. */
const MAX_ENTRIES = 100_000

export type LoginThrottle = {
  /** Seconds to wait before this login may try again, or 0. */
  retryAfter(login: string): number
  failed(login: string): void
  succeeded(login: string): void
}

/**
 * Back-off per login as typed (cabinet number or FIN, trimmed, upper-cased),
 * whether or not the login exists, so the lock itself tells nothing. Kept by
 * hash in memory: a restart forgets the counters, which only gives an
 * attacker a few more tries at the slow password hash.
 */
export const createLoginThrottle = (clock: Clock, policy: LockoutPolicy = DEFAULT_LOCKOUT_POLICY) => {
  const entries = new Map<string, Entry>()
  const keyOf = (login: string) => createHash('sha256').update(login.trim().toUpperCase()).digest('base64url')
  const now = () => clock.now().getTime()
  const current = (key: string): Entry | undefined => {
    const entry = entries.get(key)
    if (entry === undefined) return undefined
    if (now() - entry.lastFailureAt < policy.forgetAfterSeconds * 1000 || entry.lockedUntil > now())
      return entry
    entries.delete(key)
    return undefined
  }
  const throttle: LoginThrottle = {
    retryAfter: (login) => {
      const entry = current(keyOf(login))
      return entry === undefined ? 0 : Math.max(0, Math.ceil((entry.lockedUntil - now()) / 1000))
    },
    failed: (login) => {
      const key = keyOf(login)
      const failures = (current(key)?.failures ?? 0) + 1
      const over = failures - policy.freeFailures
      const lockSeconds = over < 0 ? 0 : Math.min(policy.maxLockSeconds, policy.firstLockSeconds * 2 ** over)
      entries.delete(key)
      if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value as string)
      entries.set(key, { failures, lastFailureAt: now(), lockedUntil: now() + lockSeconds * 1000 })
    },
    succeeded: (login) => {
      entries.delete(keyOf(login))
    },
  }
  return throttle
}
