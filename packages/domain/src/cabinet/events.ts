import type { Either } from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import type { DomainError } from '../kernel/errors.js'
import { Instant } from '../kernel/time.js'
import { CabinetNumber } from '../values/cabinet-number.js'
import { Email } from '../values/email.js'
import { Fin } from '../values/fin.js'
import { PhoneNumber } from '../values/phone.js'
import { CabinetId, PersonDetails, RegisteredDocument } from './person.js'

/** Every cabinet event names its cabinet, so a projection reading the global log needs no stream id. */
const cabinetEvent = <T extends string, P extends t.Props>(type: T, props: P) =>
  t.type({ type: t.literal(type), cabinetId: CabinetId, ...props }, type)

/** CAB-1/CAB-2: the registry matched; the FIN and the registry's data are recorded. */
export const RegistrationStarted = cabinetEvent('RegistrationStarted', {
  fin: Fin,
  person: PersonDetails,
  document: RegisteredDocument,
  startedAt: Instant,
})

/**
 * CAB-4/5/9: a code was sent to `phone`, which is now pending. Only a salted
 * hash of the code is kept; a new code replaces the previous one.
 */
export const PhoneCodeIssued = cabinetEvent('PhoneCodeIssued', {
  phone: PhoneNumber,
  codeHash: t.string,
  issuedAt: Instant,
})

/** CAB-5: a wrong code was typed. Recorded so the limit on tries holds; the command is still a refusal. */
export const PhoneCodeRejected = cabinetEvent('PhoneCodeRejected', {
  phone: PhoneNumber,
  triesLeft: t.number,
  rejectedAt: Instant,
})

/** CAB-5: the pending number is now the confirmed ("aktual") one. */
export const PhoneConfirmed = cabinetEvent('PhoneConfirmed', { phone: PhoneNumber, confirmedAt: Instant })

/** CAB-9: the owner went back to the confirmed number before confirming the new one. */
export const PhoneChangeCancelled = cabinetEvent('PhoneChangeCancelled', {
  phone: PhoneNumber,
  cancelledAt: Instant,
})

/** CAB-4/CAB-9: e-mail is not confirmed by code, so it takes effect at once. */
export const EmailChanged = cabinetEvent('EmailChanged', { email: Email, changedAt: Instant })

/** CAB-6/CAB-7: the password's hash (never the password) and the allocated number. */
export const CabinetCompleted = cabinetEvent('CabinetCompleted', {
  cabinetNumber: CabinetNumber,
  passwordHash: t.string,
  completedAt: Instant,
})

/** CAB-8: the registry's data for the new document; the previous document goes to history. */
export const DocumentRenewed = cabinetEvent('DocumentRenewed', {
  person: PersonDetails,
  document: RegisteredDocument,
  renewedAt: Instant,
})

/** CAB-10 */
export const PasswordChanged = cabinetEvent('PasswordChanged', { passwordHash: t.string, changedAt: Instant })

/** CAB-10: a recovery code went to the confirmed number. */
export const PasswordRecoveryCodeIssued = cabinetEvent('PasswordRecoveryCodeIssued', {
  phone: PhoneNumber,
  codeHash: t.string,
  issuedAt: Instant,
})

export const PasswordRecoveryCodeRejected = cabinetEvent('PasswordRecoveryCodeRejected', {
  triesLeft: t.number,
  rejectedAt: Instant,
})

export const PasswordRecovered = cabinetEvent('PasswordRecovered', {
  passwordHash: t.string,
  recoveredAt: Instant,
})

export const CabinetEvent = t.union(
  [
    RegistrationStarted,
    PhoneCodeIssued,
    PhoneCodeRejected,
    PhoneConfirmed,
    PhoneChangeCancelled,
    EmailChanged,
    CabinetCompleted,
    DocumentRenewed,
    PasswordChanged,
    PasswordRecoveryCodeIssued,
    PasswordRecoveryCodeRejected,
    PasswordRecovered,
  ],
  'CabinetEvent',
)
export type CabinetEvent = t.TypeOf<typeof CabinetEvent>
export type CabinetEventOf<T extends CabinetEvent['type']> = Extract<CabinetEvent, { type: T }>

/** What every cabinet decision returns: the events to append, or a refusal that changes nothing. */
export type CabinetDecision = Either<DomainError, readonly CabinetEvent[]>
