import { createHmac, randomBytes } from 'node:crypto'
import { requireSecret } from '../../ports/secret.js'
import { createMemoryThrottleCounters, type ThrottleCounters } from '../../signin/login-throttle.js'

/**
 * Codes sent to one phone number, whatever cabinet asked: the per-cabinet cap
 * (domain `checkCodeLimit`) cannot see that several cabinets or registrations
 * name the same number. Counted in `counters` under `keyOf(phone)` — an HMAC
 * keyed from the server secret, never the number in clear.
 */
export type CodesPerNumber = {
  readonly counters: ThrottleCounters
  readonly keyOf: (phone: string) => string
}

/** The counters with keys HMAC-SHA-256(secret, phone); the secret derived for this purpose. */
export const createCodesPerNumber = (
  counters: ThrottleCounters,
  secret: string | Uint8Array,
): CodesPerNumber => {
  const key = requireSecret(secret, 'codes-per-number')
  return {
    counters,
    keyOf: (phone) => `sms-number:${createHmac('sha256', key).update(phone, 'utf8').digest('hex')}`,
  }
}

/** One process's memory and a key of its own: what the facade uses when none is given. */
export const memoryCodesPerNumber = (): CodesPerNumber =>
  createCodesPerNumber(createMemoryThrottleCounters(), randomBytes(32))
