import type { CabinetNumber } from '../values/cabinet-number.js'
import type { IdentityDocument } from '../values/document.js'
import type { Email } from '../values/email.js'
import type { Fin } from '../values/fin.js'
import type { PhoneNumber } from '../values/phone.js'
import type { CabinetId, RegistryAnswer } from './person.js'

/**
 * Commands carry already-decoded values. Whatever needs I/O or a secret —
 * registry look-ups, hashing codes and passwords, verifying the current
 * password — happens in the application before the command is built.
 */
export type StartRegistration = {
  readonly type: 'StartRegistration'
  readonly cabinetId: CabinetId
  readonly document: IdentityDocument
  readonly fin: Fin
  readonly registry: RegistryAnswer
}

export type SetContacts = {
  readonly type: 'SetContacts'
  readonly phone: PhoneNumber
  readonly email?: Email
  /** Salted hash of the code the SMS port will send. */
  readonly codeHash: string
}

export type ConfirmPhone = { readonly type: 'ConfirmPhone'; readonly code: string }

export type ResendPhoneCode = { readonly type: 'ResendPhoneCode'; readonly codeHash: string }

export type CompleteRegistration = {
  readonly type: 'CompleteRegistration'
  /** Only checked against the policy (CAB-6); never stored. */
  readonly password: string
  readonly passwordHash: string
  /** From the cabinet-number allocator, for this cabinet id. */
  readonly cabinetNumber: CabinetNumber
}

export type RenewDocument = {
  readonly type: 'RenewDocument'
  readonly document: IdentityDocument
  /** The registry's answer for the new document and the cabinet's FIN. */
  readonly registry: RegistryAnswer
}

export type ChangeContacts = {
  readonly type: 'ChangeContacts'
  readonly phone?: PhoneNumber
  readonly email?: Email
  /** Required with `phone`: the hash of the code sent to the new number. */
  readonly codeHash?: string
}

export type ChangePassword = {
  readonly type: 'ChangePassword'
  /** The application checked the current password against the stored hash (scrypt is async). */
  readonly currentPasswordVerified: boolean
  readonly newPassword: string
  readonly newPasswordHash: string
}

export type RequestPasswordRecovery = { readonly type: 'RequestPasswordRecovery'; readonly codeHash: string }

export type CompletePasswordRecovery = {
  readonly type: 'CompletePasswordRecovery'
  readonly code: string
  readonly newPassword: string
  readonly newPasswordHash: string
}

export type CabinetCommand =
  | StartRegistration
  | SetContacts
  | ConfirmPhone
  | ResendPhoneCode
  | CompleteRegistration
  | RenewDocument
  | ChangeContacts
  | ChangePassword
  | RequestPasswordRecovery
  | CompletePasswordRecovery
