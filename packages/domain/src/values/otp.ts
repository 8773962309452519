import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { type DomainError, domainError } from '../kernel/errors.js'
import { Instant } from '../kernel/time.js'

/** CAB-5 defaults: 5 minutes to use a code, 5 wrong tries, 60 s between sends. */
export type OtpPolicy = {
  readonly ttlSeconds: number
  readonly maxAttempts: number
  readonly resendIntervalSeconds: number
}
export const DEFAULT_OTP_POLICY: OtpPolicy = { ttlSeconds: 300, maxAttempts: 5, resendIntervalSeconds: 60 }

/**
 * A one-time code as the domain keeps it: only a salted hash (the salt is
 * inside `codeHash`, the format belongs to the hasher), when it was sent and
 * how many wrong tries it has had.
 */
export const OtpChallenge = t.type(
  { codeHash: t.string, issuedAt: Instant, failedAttempts: t.number },
  'OtpChallenge',
)
export type OtpChallenge = t.TypeOf<typeof OtpChallenge>

/** Compares a typed code with a stored hash. Supplied by the adapters; must be deterministic. */
export type CodeVerifier = (code: string, codeHash: string) => boolean

export const SIX_DIGITS = /^\d{6}$/

/** Refuses a code before `nextAllowed`, saying when (`retryAt`). */
export const notBefore = (nextAllowed: Date, now: Date): E.Either<DomainError, void> =>
  now < nextAllowed
    ? E.left(
        domainError(
          'otp.resend_too_soon',
          `A new code can be sent at ${nextAllowed.toISOString()}; please wait.`,
          {
            retryAt: nextAllowed.toISOString(),
          },
        ),
      )
    : E.right(undefined)

/** A new code may be sent only `resendIntervalSeconds` after the last one. */
export const checkResend = (
  policy: OtpPolicy,
  current: OtpChallenge | undefined,
  now: Date,
): E.Either<DomainError, void> =>
  current === undefined
    ? E.right(undefined)
    : notBefore(new Date(current.issuedAt.getTime() + policy.resendIntervalSeconds * 1000), now)

/** The refusal for a wrong code; also rebuilt from a recorded rejection event by the application. */
export const wrongCodeError = (triesLeft: number): DomainError =>
  domainError(
    'otp.wrong_code',
    triesLeft > 0
      ? `The code is wrong; ${triesLeft} ${triesLeft === 1 ? 'try' : 'tries'} left.`
      : 'The code is wrong and no tries are left; ask for a new code.',
    { triesLeft },
  )

export type OtpOutcome =
  | { readonly kind: 'accepted' }
  | { readonly kind: 'wrong'; readonly triesLeft: number; readonly error: DomainError }

/**
 * Judges a typed code. An expired or exhausted challenge is refused outright
 * (`Left`, nothing to record). A wrong code is an outcome to record (`wrong`),
 * because the failed try must count even though the command is refused.
 */
export const judgeOtp = (
  policy: OtpPolicy,
  challenge: OtpChallenge | undefined,
  code: string,
  now: Date,
  verify: CodeVerifier,
): E.Either<DomainError, OtpOutcome> => {
  if (challenge === undefined)
    return E.left(domainError('otp.no_code', 'No confirmation code is waiting; ask for a new one.'))
  const expiresAt = new Date(challenge.issuedAt.getTime() + policy.ttlSeconds * 1000)
  if (now >= expiresAt)
    return E.left(
      domainError('otp.expired', 'The confirmation code has expired; ask for a new one.', {
        expiredAt: expiresAt.toISOString(),
      }),
    )
  if (challenge.failedAttempts >= policy.maxAttempts)
    return E.left(
      domainError('otp.too_many_attempts', 'Too many wrong codes; ask for a new one.', {
        maxAttempts: policy.maxAttempts,
      }),
    )
  if (SIX_DIGITS.test(code) && verify(code, challenge.codeHash)) return E.right({ kind: 'accepted' })
  const triesLeft = policy.maxAttempts - challenge.failedAttempts - 1
  return E.right({ kind: 'wrong', triesLeft, error: wrongCodeError(triesLeft) })
}
