import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { type DomainError, domainError } from '../kernel/errors.js'
import { checkResend, judgeOtp, notBefore, type OtpChallenge, wrongCodeError } from '../values/otp.js'
import type { CabinetDecision, CabinetEvent } from './events.js'
import { type CabinetContext, DEFAULT_CODE_LIMIT_POLICY } from './policy.js'

/**
 * The daily cap and the escalating resend delay over every code the cabinet
 * was sent (`sentAt`, oldest first), whatever the purpose or number: after
 * `maxPerWindow` codes in the window, `otp.daily_limit_reached` until the
 * oldest leaves it; before that, a resend while a code of the same purpose
 * is outstanding waits the resend interval × 2^(n−2) after it (at least the
 * interval), n being the codes sent in the window: 60 s, 60 s, 120 s, 240 s
 * by default (`otp.resend_too_soon`). Both carry `retryAt`.
 */
export const checkCodeLimit = (
  context: CabinetContext,
  sentAt: readonly Date[],
  current: OtpChallenge | undefined,
): E.Either<DomainError, void> => {
  const limit = context.policy.codeLimit ?? DEFAULT_CODE_LIMIT_POLICY
  const now = context.now.getTime()
  const inWindow = sentAt.filter((at) => now - at.getTime() < limit.windowSeconds * 1000)
  const [oldest] = inWindow
  if (oldest !== undefined && inWindow.length >= limit.maxPerWindow) {
    const retryAt = new Date(oldest.getTime() + limit.windowSeconds * 1000).toISOString()
    return E.left(
      domainError(
        'otp.daily_limit_reached',
        `${limit.maxPerWindow} codes were sent in the last ${limit.windowSeconds / 3600} hours; the next can be sent at ${retryAt}.`,
        { retryAt },
      ),
    )
  }
  // The escalation is between resends: the first code of a purpose (a recovery after registering) is not delayed.
  const last = current?.issuedAt
  if (last === undefined || inWindow.length === 0) return E.right(undefined)
  const waitSeconds = context.policy.otp.resendIntervalSeconds * 2 ** Math.max(0, inWindow.length - 2)
  return notBefore(new Date(last.getTime() + waitSeconds * 1000), context.now)
}

/**
 * CAB-5: sends a new code unless one went out less than the resend interval
 * ago (one SMS per cabinet and purpose per interval, whatever the number, so
 * alternating numbers cannot flood anyone), and within the cabinet's daily
 * cap and escalating delay (`checkCodeLimit`). The same hash again is a
 * retry of the request that issued it: no new events.
 */
export const issueCode = (
  context: CabinetContext,
  current: OtpChallenge | undefined,
  codeHash: string,
  issued: () => CabinetEvent,
  sentAt: readonly Date[] = [],
): CabinetDecision => {
  if (current?.codeHash === codeHash) return E.right([])
  return pipe(
    checkResend(context.policy.otp, current, context.now),
    E.chain(() => checkCodeLimit(context, sentAt, current)),
    E.map(() => [issued()]),
  )
}

/**
 * CAB-5: judges a typed code. Expired, exhausted or missing codes are
 * refusals (nothing changes). A wrong code is *recorded* (`wrong` gives the
 * rejection event) so the limit on tries holds even though the caller is
 * refused: the application answers such a decision with `refusalIn(events)`.
 */
export const judgeCode = <C extends OtpChallenge>(
  context: CabinetContext,
  challenge: C | undefined,
  code: string,
  outcomes: {
    readonly accepted: (challenge: C) => CabinetDecision
    readonly wrong: (challenge: C, triesLeft: number) => CabinetEvent
  },
): CabinetDecision =>
  pipe(
    judgeOtp(context.policy.otp, challenge, code, context.now, context.verifyCode),
    E.chain((outcome) => {
      // judgeOtp already refused a missing challenge; this only narrows the type.
      if (challenge === undefined) return E.right([])
      return outcome.kind === 'accepted'
        ? outcomes.accepted(challenge)
        : E.right([outcomes.wrong(challenge, outcome.triesLeft)])
    }),
  )

/**
 * The refusal hidden in a successful decision: a recorded wrong code. The
 * application appends the events and then answers with this error (4xx),
 * so everywhere else "a refusal changes nothing" stays true.
 */
export const refusalIn = (events: readonly CabinetEvent[]): DomainError | undefined => {
  for (const event of events)
    if (event.type === 'PhoneCodeRejected' || event.type === 'PasswordRecoveryCodeRejected')
      return wrongCodeError(event.triesLeft)
  return undefined
}
