/**
 * Back-off per login as typed (cabinet number or FIN), whether or not the
 * login exists, so the lock itself tells nothing. The counters live behind
 * the adapters' `LoginThrottle` port: in memory for the memory store, in the
 * database otherwise, so every process counts the same failures.
 */
export {
  createMemoryLoginThrottle,
  DEFAULT_LOCKOUT_POLICY,
  type LockoutPolicy,
  type LoginThrottle,
} from '@imtahan/adapters'
