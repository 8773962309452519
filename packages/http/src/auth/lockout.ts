import { createHash } from 'node:crypto'
import { CabinetNumber, Fin } from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'

export type LockoutPolicy = {
  /** Failed sign-ins in a row that a subject may have before it is locked. */
  readonly freeFailures: number
  /** The first lock; each further failure doubles it, up to `maxLockSeconds`. */
  readonly firstLockSeconds: number
  readonly maxLockSeconds: number
  /** Failures older than this are forgotten. */
  readonly forgetAfterSeconds: number
}

/** Per login (docs/integrators.md, Back-off): 5 free failures, then 30 s doubling up to 15 min. */
export const DEFAULT_LOCKOUT_POLICY: LockoutPolicy = {
  freeFailures: 5,
  firstLockSeconds: 30,
  maxLockSeconds: 15 * 60,
  forgetAfterSeconds: 60 * 60,
}

/**
 * Per client address, across every login it tries (docs/decisions.md,
 * Sign-in throttles): 20 free failures an hour, then 60 s doubling up to
 * 15 min. Loose enough for an office behind one NAT address, tight enough
 * that one address cannot spray a password across many logins.
 */
export const DEFAULT_CLIENT_LOCKOUT_POLICY: LockoutPolicy = {
  freeFailures: 20,
  firstLockSeconds: 60,
  maxLockSeconds: 15 * 60,
  forgetAfterSeconds: 60 * 60,
}

export type ThrottlePolicies = { readonly login: LockoutPolicy; readonly client: LockoutPolicy }

export const DEFAULT_THROTTLE_POLICIES: ThrottlePolicies = {
  login: DEFAULT_LOCKOUT_POLICY,
  client: DEFAULT_CLIENT_LOCKOUT_POLICY,
}

/**
 * What is counted: a `login` in its canonical form (see `canonicalLogin`),
 * or a `client` address. `id` is never stored in clear by an implementation
 * (it may be a FIN): hash it, as `subjectKey` does.
 */
export type ThrottleSubject = { readonly kind: keyof ThrottlePolicies; readonly id: string }

/**
 * The sign-in back-off, as a port. Both implementations sit on the adapters'
 * `ThrottleCounters` (`counted-throttle.ts`): in memory for one process, in
 * the database for several (`imtahan serve`). Callers pass `now` and never
 * see how counts are kept.
 */
export interface SignInThrottle {
  /** Seconds to wait before any of these subjects may try again, or 0. */
  retryAfterSeconds(subjects: readonly ThrottleSubject[], now: Date): Promise<number>
  /** One more failure for each subject. */
  failed(subjects: readonly ThrottleSubject[], now: Date): Promise<void>
  /**
   * A successful sign-in clears the `login` subjects; `client` counters are
   * only forgotten with time, so an attacker cannot reset their address by
   * signing in to an account of their own between guesses.
   */
  succeeded(subjects: readonly ThrottleSubject[], now: Date): Promise<void>
}

/**
 * The login as the domain resolves it: the cabinet number or the FIN in
 * canonical form, so `1000 0289`, `10\t000289` or `1000028 9` (which sign in
 * as `10000289`) count against that one login. A login that resolves to
 * neither cannot sign in; it is counted by its form without any whitespace,
 * upper-cased.
 */
export const canonicalLogin = (login: string): string => {
  const number = CabinetNumber.decode(login)
  if (E.isRight(number)) return number.right
  const fin = Fin.decode(login)
  if (E.isRight(fin)) return fin.right
  return login.replace(/\s/g, '').toUpperCase()
}

/** The key a subject is kept under: a hash, so no FIN or address sits in memory or in a table. */
export const subjectKey = (subject: ThrottleSubject): string =>
  `${subject.kind}:${createHash('sha256').update(subject.id).digest('base64url')}`
