import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { domainError } from '../kernel/errors.js'
import type { Email } from '../values/email.js'
import type { PhoneNumber } from '../values/phone.js'
import { issueCode, judgeCode } from './codes.js'
import type { ChangeContacts, ConfirmPhone, ResendPhoneCode, SetContacts } from './commands.js'
import type { CabinetDecision, CabinetEvent } from './events.js'
import { completedCabinet, openCabinet, registeringCabinet } from './guards.js'
import type { CabinetContext } from './policy.js'
import type { DecideCabinet, OpenCabinet } from './state.js'

const sendPhoneCode = (cabinet: OpenCabinet, phone: PhoneNumber, codeHash: string, context: CabinetContext) =>
  issueCode(
    context,
    cabinet.phoneChallenge,
    codeHash,
    () => ({
      type: 'PhoneCodeIssued',
      cabinetId: cabinet.overview.cabinetId,
      phone,
      codeHash,
      issuedAt: context.now,
    }),
    cabinet.codesSentAt,
  )

/**
 * A new number becomes pending with a code (the confirmed one stays in force,
 * CAB-5/CAB-9); going back to the confirmed number cancels a pending change.
 */
const phoneEvents = (
  cabinet: OpenCabinet,
  phone: PhoneNumber | undefined,
  codeHash: string | undefined,
  context: CabinetContext,
): CabinetDecision => {
  if (phone === undefined) return E.right([])
  const { confirmed, pending } = cabinet.overview.phone
  if (phone === confirmed) {
    if (pending === undefined) return E.right([])
    const { cabinetId } = cabinet.overview
    return E.right([{ type: 'PhoneChangeCancelled', cabinetId, phone: pending, cancelledAt: context.now }])
  }
  if (codeHash === undefined)
    return E.left(
      domainError(
        'cabinet.code_missing',
        'A new mobile number needs a confirmation code to be sent with it.',
      ),
    )
  return sendPhoneCode(cabinet, phone, codeHash, context)
}

const contactEvents = (
  cabinet: OpenCabinet,
  request: { readonly phone?: PhoneNumber; readonly email?: Email; readonly codeHash?: string },
  context: CabinetContext,
): CabinetDecision => {
  const { email } = request
  const emailEvents: CabinetEvent[] =
    email === undefined || email === cabinet.overview.email
      ? []
      : [{ type: 'EmailChanged', cabinetId: cabinet.overview.cabinetId, email, changedAt: context.now }]
  return pipe(
    phoneEvents(cabinet, request.phone, request.codeHash, context),
    E.map((events) => [...events, ...emailEvents]),
  )
}

/** CAB-4: mobile number (mandatory) and e-mail (optional) during registration. */
export const setContacts: DecideCabinet<SetContacts> = (command, state, context) =>
  pipe(
    registeringCabinet(state),
    E.chain((cabinet) => contactEvents(cabinet, command, context)),
  )

/** CAB-9: the owner changes the mobile number (→ CAB-5) and/or the e-mail. */
export const changeContacts: DecideCabinet<ChangeContacts> = (command, state, context) =>
  pipe(
    completedCabinet(state),
    E.filterOrElse(
      () => command.phone !== undefined || command.email !== undefined,
      () => domainError('cabinet.nothing_to_change', 'Give a new mobile number, a new e-mail, or both.'),
    ),
    E.chain((cabinet) => contactEvents(cabinet, command, context)),
  )

/** CAB-5: the right code confirms the pending number; a wrong one is recorded (see `refusalIn`). */
export const confirmPhone: DecideCabinet<ConfirmPhone> = (command, state, context) =>
  pipe(
    openCabinet(state),
    E.chain((cabinet) => {
      const { cabinetId, phone } = cabinet.overview
      // Nothing pending but a number confirmed: a retry after success, and nothing a code could change.
      if (cabinet.phoneChallenge === undefined && phone.confirmed !== undefined) return E.right([])
      return judgeCode(context, cabinet.phoneChallenge, command.code, {
        accepted: (challenge) =>
          E.right([{ type: 'PhoneConfirmed', cabinetId, phone: challenge.phone, confirmedAt: context.now }]),
        wrong: (challenge, triesLeft) => ({
          type: 'PhoneCodeRejected',
          cabinetId,
          phone: challenge.phone,
          triesLeft,
          rejectedAt: context.now,
        }),
      })
    }),
  )

/** CAB-5: a new code for the pending number, no sooner than the resend interval. */
export const resendPhoneCode: DecideCabinet<ResendPhoneCode> = (command, state, context) =>
  pipe(
    openCabinet(state),
    E.chain((cabinet) =>
      cabinet.phoneChallenge === undefined
        ? E.left(domainError('cabinet.no_pending_phone', 'No mobile number is waiting for a code.'))
        : sendPhoneCode(cabinet, cabinet.phoneChallenge.phone, command.codeHash, context),
    ),
  )
