import { createHmac, randomBytes } from 'node:crypto'
import { createMemoryThrottleCounters, type ThrottleCounters } from '@imtahan/adapters'
import {
  DEFAULT_THROTTLE_POLICIES,
  type SignInThrottle,
  subjectKey,
  type ThrottlePolicies,
} from './lockout.js'

/**
 * The sign-in throttle over shared counters (`createSqlThrottleCounters`:
 * the database every process uses). Same rules as the memory throttle; the
 * stored key is HMAC(secret, subject key), since a FIN has few enough values
 * that even its plain hash in a table would be a list of who tried to sign in.
 */
export const createCountedSignInThrottle = (
  counters: ThrottleCounters,
  secret: Buffer,
  policies: ThrottlePolicies = DEFAULT_THROTTLE_POLICIES,
): SignInThrottle => {
  const keyOf = (subject: Parameters<typeof subjectKey>[0]) =>
    createHmac('sha256', secret).update(subjectKey(subject)).digest('base64url')
  return {
    retryAfterSeconds: async (subjects, now) => {
      const waits = await Promise.all(
        subjects.map((subject) => counters.retryAfter(keyOf(subject), now, policies[subject.kind])),
      )
      return Math.max(0, ...waits)
    },
    failed: async (subjects, now) => {
      for (const subject of subjects) await counters.failed(keyOf(subject), now, policies[subject.kind])
    },
    // As in memory: only the login is forgiven on success, never the client address.
    succeeded: async (subjects) => {
      for (const subject of subjects) if (subject.kind === 'login') await counters.clear(keyOf(subject))
    },
  }
}

/**
 * In one process's memory (the memory store, tests): the same counters and
 * rules, so the back-off arithmetic exists once. A restart forgets them,
 * which only gives an attacker a few more tries at the slow password hash;
 * the key is random per process since nothing outlives it.
 */
export const createMemorySignInThrottle = (
  policies: ThrottlePolicies = DEFAULT_THROTTLE_POLICIES,
): SignInThrottle => createCountedSignInThrottle(createMemoryThrottleCounters(), randomBytes(32), policies)

/** The longest any policy remembers a failure: what a purge may forget after. */
export const longestMemorySeconds = (policies: ThrottlePolicies = DEFAULT_THROTTLE_POLICIES): number =>
  Math.max(policies.login.forgetAfterSeconds, policies.client.forgetAfterSeconds)
