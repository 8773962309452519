import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { domainError } from '../kernel/errors.js'
import { checkPassword } from '../values/password.js'
import { issueCode, judgeCode } from './codes.js'
import type { ChangePassword, CompletePasswordRecovery, RequestPasswordRecovery } from './commands.js'
import type { CabinetDecision, CabinetEvent } from './events.js'
import { completedCabinet } from './guards.js'
import type { CabinetId } from './person.js'
import type { CabinetContext } from './policy.js'
import type { DecideCabinet, OpenCabinet } from './state.js'

/**
 * CAB-6: the new password must meet the policy, not contain the owner's
 * FIN, document, cabinet or mobile number, and be strong enough by the
 * context's estimator, given the owner's own data; then `stored` gives the event that keeps its hash.
 */
export const withNewPassword =
  (context: CabinetContext, password: string, stored: (cabinetId: CabinetId) => CabinetEvent) =>
  (cabinet: OpenCabinet): CabinetDecision =>
    pipe(
      checkPassword(
        context.policy.password,
        password,
        {
          fin: cabinet.fin,
          documentNumber: cabinet.overview.documents.current.number,
          cabinetNumber: cabinet.overview.cabinetNumber,
          phones: [cabinet.overview.phone.confirmed, cabinet.overview.phone.pending].filter(
            (phone): phone is NonNullable<typeof phone> => phone !== undefined,
          ),
          names: [
            cabinet.overview.person.name,
            cabinet.overview.person.surname,
            cabinet.overview.person.patronymic,
          ],
        },
        context.passwordStrength,
      ),
      E.map(() => [stored(cabinet.overview.cabinetId)]),
    )

/** CAB-10: only with the current password (verified by the application, scrypt being async). */
export const changePassword: DecideCabinet<ChangePassword> = (command, state, context) =>
  pipe(
    completedCabinet(state),
    E.filterOrElse(
      () => command.currentPasswordVerified,
      () =>
        domainError('cabinet.wrong_password', 'The current password is wrong; the password was not changed.'),
    ),
    E.chain(
      withNewPassword(context, command.newPassword, (cabinetId) => ({
        type: 'PasswordChanged',
        cabinetId,
        passwordHash: command.newPasswordHash,
        changedAt: context.now,
      })),
    ),
  )

/** CAB-10: a recovery code goes to the confirmed number — never to a pending one. */
export const requestPasswordRecovery: DecideCabinet<RequestPasswordRecovery> = (command, state, context) =>
  pipe(
    completedCabinet(state),
    E.chain((cabinet) => {
      const phone = cabinet.overview.phone.confirmed
      if (phone === undefined)
        return E.left(
          domainError('cabinet.phone_not_confirmed', 'This cabinet has no confirmed mobile number.'),
        )
      return issueCode(
        context,
        cabinet.recoveryChallenge,
        command.codeHash,
        () => ({
          type: 'PasswordRecoveryCodeIssued',
          cabinetId: cabinet.overview.cabinetId,
          phone,
          codeHash: command.codeHash,
          issuedAt: context.now,
        }),
        cabinet.codesSentAt,
      )
    }),
  )

/**
 * CAB-10: the code first (a wrong one is recorded), then the new password;
 * a weak password is refused and leaves the code usable for another try.
 */
export const completePasswordRecovery: DecideCabinet<CompletePasswordRecovery> = (command, state, context) =>
  pipe(
    completedCabinet(state),
    E.chain((cabinet) => {
      const { cabinetId } = cabinet.overview
      return judgeCode(context, cabinet.recoveryChallenge, command.code, {
        accepted: () =>
          withNewPassword(context, command.newPassword, () => ({
            type: 'PasswordRecovered',
            cabinetId,
            passwordHash: command.newPasswordHash,
            recoveredAt: context.now,
          }))(cabinet),
        wrong: (_challenge, triesLeft) => ({
          type: 'PasswordRecoveryCodeRejected',
          cabinetId,
          triesLeft,
          rejectedAt: context.now,
        }),
      })
    }),
  )
