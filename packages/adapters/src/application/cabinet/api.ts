import type { CabinetOverview, ServicesUsed } from '@imtahan/domain'
import type { Call } from '../shared/caller.js'
import type { Result } from '../shared/result.js'
import type {
  ContactsChange,
  ContactsInput,
  IdentityDocumentInput,
  LoginInput,
  PasswordChange,
  PasswordInput,
  PhoneCodeInput,
  RecoveryConfirmation,
  RecoveryRequest,
  RegistrationInput,
} from './input.js'

/*
 * The cabinet use cases (RULES.md §1). Inputs arrive decoded (the edge decodes
 * them with the codecs of `input.ts`); every refusal is a `DomainError`.
 */

export type RegistrationStarted = {
  readonly cabinetId: string
  readonly person: {
    readonly surname: string
    readonly name: string
    readonly patronymic: string
    readonly birthDate: string
  }
}

export type CabinetCompletedAnswer = { readonly cabinetId: string; readonly cabinetNumber: string }

export type LoginAnswer = { readonly cabinetId: string; readonly cabinetNumber: string }

export interface CabinetUseCases {
  /** CAB-1/2: document series + number + FIN checked with the registry. */
  startRegistration(input: RegistrationInput, call: Call): Result<RegistrationStarted>
  /** CAB-4/5: contacts; sends a 6-digit code by SMS. */
  setContacts(cabinetId: string, input: ContactsInput, call: Call): Result<{ codeSentTo: string }>
  resendPhoneCode(cabinetId: string, call: Call): Result<{ codeSentTo: string }>
  confirmPhone(cabinetId: string, input: PhoneCodeInput, call: Call): Result<{ phone: string }>
  /** CAB-6/7 + WAL-1: password → cabinet number and an open account. */
  completeRegistration(cabinetId: string, input: PasswordInput, call: Call): Result<CabinetCompletedAnswer>
  /** Login by cabinet number or FIN + password. Lockout is the caller's concern (HTTP keeps the counters). */
  authenticate(input: LoginInput, call: Call): Result<LoginAnswer>
  overview(cabinetId: string, call: Call): Result<CabinetOverview>
  /** CAB-11 "services used": exam registrations with their slips, fees paid and for what, appeals. */
  servicesUsed(cabinetId: string, call: Call): Result<ServicesUsed>
  /** CAB-8. */
  renewDocument(cabinetId: string, input: IdentityDocumentInput, call: Call): Result<CabinetOverview>
  /** CAB-9: a new phone is pending until confirmed (→ confirmPhone). */
  changeContacts(cabinetId: string, input: ContactsChange, call: Call): Result<CabinetOverview>
  /** CAB-10. */
  changePassword(cabinetId: string, input: PasswordChange, call: Call): Result<void>
  /** CAB-10 recovery: a code to the confirmed number. Answers the same whether or not the login exists. */
  requestPasswordRecovery(input: RecoveryRequest, call: Call): Result<{ codeSentTo?: string }>
  completePasswordRecovery(input: RecoveryConfirmation, call: Call): Result<void>
}
