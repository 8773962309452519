import * as t from 'io-ts'
import type { DomainError } from '../kernel/errors.js'
import { Instant } from '../kernel/time.js'

/**
 * CAB-1: "no match → nothing recorded but the failed attempt". The attempt
 * goes to its own stream (one per FIN fingerprint), never to a cabinet, and
 * carries a keyed hash of the FIN supplied by the application — never the
 * FIN or the document in clear. `reason` is the refusal's code.
 */
export const RegistrationAttemptFailed = t.type(
  {
    type: t.literal('RegistrationAttemptFailed'),
    finFingerprint: t.string,
    reason: t.string,
    attemptedAt: Instant,
  },
  'RegistrationAttemptFailed',
)
export type RegistrationAttemptFailed = t.TypeOf<typeof RegistrationAttemptFailed>

export const registrationAttemptFailed = (
  finFingerprint: string,
  refusal: DomainError,
  attemptedAt: Date,
): RegistrationAttemptFailed => ({
  type: 'RegistrationAttemptFailed',
  finFingerprint,
  reason: refusal.code,
  attemptedAt,
})

/** How many attempts failed at or after `since` — for the application's rate limit on registrations. */
export const failedAttemptsSince = (events: readonly RegistrationAttemptFailed[], since: Date): number =>
  events.filter((event) => event.attemptedAt >= since).length
