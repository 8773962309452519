import { CabinetNumber, DocumentNumber, documentSeriesCodec, Email, Fin, PhoneNumber } from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'

/*
 * The decoded inputs of the cabinet use cases, built from the domain's
 * codecs. The edges (HTTP, CLI) decode with these codecs or with documented
 * codecs of the same types; the use cases take the types.
 */

/** CAB-1/CAB-8: series from the operator's list (`policy.cabinet.documentSeries`), number as printed. */
export const documentCodec = (allowedSeries: readonly string[]) =>
  t.type({ series: documentSeriesCodec(allowedSeries), number: DocumentNumber }, 'IdentityDocument')
export type IdentityDocumentInput = t.TypeOf<ReturnType<typeof documentCodec>>

/** Sign-in and recovery accept the cabinet number or the FIN (they cannot be confused: 8 digits vs 7). */
export type Login =
  | { readonly kind: 'number'; readonly number: CabinetNumber }
  | { readonly kind: 'fin'; readonly fin: Fin }

export const Login = new t.Type<Login, string, unknown>(
  'Login',
  (u): u is Login => typeof u === 'object' && u !== null && 'kind' in u,
  (input, context) => {
    const number = CabinetNumber.decode(input)
    if (E.isRight(number)) return t.success({ kind: 'number', number: number.right })
    const fin = Fin.decode(input)
    if (E.isRight(fin)) return t.success({ kind: 'fin', fin: fin.right })
    return t.failure(input, context, 'sign in with your 8-digit cabinet number or your 7-character FIN')
  },
  (login) => (login.kind === 'number' ? login.number : login.fin),
)

/** An optional field: absent and `undefined` both mean "not given". */
export const optional = <C extends t.Mixed>(codec: C) => t.union([codec, t.undefined])

export const registrationInput = (allowedSeries: readonly string[]) =>
  t.type({ document: documentCodec(allowedSeries), fin: Fin }, 'RegistrationInput')
export type RegistrationInput = t.TypeOf<ReturnType<typeof registrationInput>>

/** CAB-4/5. */
export const ContactsInput = t.type({ phone: PhoneNumber, email: optional(Email) }, 'ContactsInput')
export type ContactsInput = { readonly phone: PhoneNumber; readonly email?: Email | undefined }

/** CAB-9: either or both. */
export const ContactsChange = t.type(
  { phone: optional(PhoneNumber), email: optional(Email) },
  'ContactsChange',
)
export type ContactsChange = { readonly phone?: PhoneNumber | undefined; readonly email?: Email | undefined }

export const PhoneCodeInput = t.type({ code: t.string }, 'PhoneCodeInput')
export type PhoneCodeInput = t.TypeOf<typeof PhoneCodeInput>

/** CAB-6: the decider judges the password's strength (`password.too_weak`). */
export const PasswordInput = t.type({ password: t.string }, 'PasswordInput')
export type PasswordInput = t.TypeOf<typeof PasswordInput>

export const LoginInput = t.type({ login: Login, password: t.string }, 'LoginInput')
export type LoginInput = t.TypeOf<typeof LoginInput>

export const PasswordChange = t.type({ currentPassword: t.string, newPassword: t.string }, 'PasswordChange')
export type PasswordChange = t.TypeOf<typeof PasswordChange>

export const RecoveryRequest = t.type({ login: Login }, 'RecoveryRequest')
export type RecoveryRequest = t.TypeOf<typeof RecoveryRequest>

export const RecoveryConfirmation = t.type(
  { login: Login, code: t.string, newPassword: t.string },
  'RecoveryConfirmation',
)
export type RecoveryConfirmation = t.TypeOf<typeof RecoveryConfirmation>
