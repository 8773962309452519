import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import type { DomainError } from '../kernel/errors.js'
import { checkResend, judgeOtp, type OtpChallenge, wrongCodeError } from '../values/otp.js'
import type { CabinetDecision, CabinetEvent } from './events.js'
import type { CabinetContext } from './policy.js'

/**
 * CAB-5: sends a new code unless one went out less than the resend interval
 * ago (one SMS per cabinet and purpose per interval, whatever the number, so
 * alternating numbers cannot flood anyone). The same hash again is a retry of
 * the request that issued it: no new events.
 */
export const issueCode = (
  context: CabinetContext,
  current: OtpChallenge | undefined,
  codeHash: string,
  issued: () => CabinetEvent,
): CabinetDecision => {
  if (current?.codeHash === codeHash) return E.right([])
  return pipe(
    checkResend(context.policy.otp, current, context.now),
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
