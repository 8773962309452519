import type { ErrorCode } from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import { callOf, ownCabinet } from '../context.js'
import {
  cabinetId,
  cabinetNumber,
  documentNumberInput,
  documentSeriesInput,
  emailInput,
  finInput,
  instant,
  object,
  Person,
  phoneInput,
  text,
} from '../openapi/codecs.js'
import type { AddRoute, RouteDeps } from './deps.js'

/** CAB-1: the series comes from the operator's list, so the codec is made with it. */
const identityDocument = (allowedSeries: readonly string[]) =>
  object('IdentityDocumentInput', {
    series: documentSeriesInput('Series from the list (AZE, AA, MYI, DYI by default)', allowedSeries),
    number: documentNumberInput('Document number as printed', '12345678'),
  })
const phone = phoneInput('Azerbaijani mobile number, any common form', '050 123 45 67')
const email = emailInput('E-mail (optional)')
const code = text('The 6-digit code from the SMS', '123456')
const CodeSent = object('CodeSent', { codeSentTo: text('The number, masked', '+99450*****67') })
const code_errors: readonly ErrorCode[] = [
  'otp.resend_too_soon',
  'cabinet.already_completed',
  'validation.invalid_input',
]

/** CAB-1…CAB-7: the registration steps; from the second step on, the registration token proves the first. */
export const registrationRoutes = (add: AddRoute, { imtahan, registrationTokens }: RouteDeps) => {
  add({
    method: 'post',
    path: '/registration',
    operationId: 'startRegistration',
    tag: 'Registration',
    summary: 'Start a registration with an identity document and FIN (CAB-1, CAB-2, CAB-3)',
    description:
      'The registry is asked; on a match the person is shown and a registration token is returned, ' +
      'to be sent as `Authorization: Bearer` on the next steps.',
    guard: 'none',
    body: object('StartRegistration', {
      document: identityDocument(imtahan.policy.cabinet.documentSeries),
      fin: finInput,
    }),
    requestExample: { document: { series: 'AZE', number: '12345678' }, fin: '5ZK7P2Q' },
    success: {
      status: 201,
      description: 'The registry matched; the FIN is held for this registration',
      codec: object('RegistrationStartedAnswer', {
        registrationToken: text('Send as "Authorization: Bearer <token>" on the next steps', 'imr_…'),
        expiresAt: instant,
        cabinetId,
        person: Person,
      }),
    },
    errors: [
      'validation.invalid_input',
      'cabinet.registry_no_match',
      'cabinet.already_exists',
      'cabinet.registration_in_progress',
      'cabinet.too_many_attempts',
      'cabinet.document_expired',
    ],
    handle: async ({ body, c }) => {
      const started = await imtahan.cabinets.startRegistration(body, callOf(c))
      return E.map((answer: { cabinetId: string; person: t.TypeOf<typeof Person> }) => {
        const { token, expiresAt } = registrationTokens.issue(answer.cabinetId)
        return { registrationToken: token, expiresAt, ...answer }
      })(started)
    },
  })

  add({
    method: 'put',
    path: '/registration/contacts',
    operationId: 'setRegistrationContacts',
    tag: 'Registration',
    summary: 'Give the mobile number (and e-mail); a code is sent by SMS (CAB-4, CAB-5)',
    guard: 'registration',
    body: object('ContactsInput', { phone }, { email }),
    requestExample: { phone: '050 123 45 67', email: 'rashad@example.az' },
    success: { status: 200, description: 'The code was sent', codec: CodeSent },
    errors: code_errors,
    handle: async ({ body, c }) => imtahan.cabinets.setContacts(ownCabinet(c), body, callOf(c)),
  })

  add({
    method: 'post',
    path: '/registration/phone-code',
    operationId: 'resendRegistrationCode',
    tag: 'Registration',
    summary: 'Send the code again (no sooner than 60 s after the last)',
    guard: 'registration',
    success: { status: 200, description: 'A new code was sent', codec: CodeSent },
    errors: [...code_errors, 'cabinet.code_missing'],
    handle: async ({ c }) => imtahan.cabinets.resendPhoneCode(ownCabinet(c), callOf(c)),
  })

  add({
    method: 'post',
    path: '/registration/phone-confirmation',
    operationId: 'confirmRegistrationPhone',
    tag: 'Registration',
    summary: 'Enter the code from the SMS: the number is confirmed (CAB-5)',
    guard: 'registration',
    body: object('CodeInput', { code }),
    requestExample: { code: '123456' },
    success: {
      status: 200,
      description: 'The number is confirmed',
      codec: object('PhoneConfirmed', { phone: text('The confirmed number', '+994501234567') }),
    },
    errors: [
      'otp.wrong_code',
      'otp.expired',
      'otp.too_many_attempts',
      'otp.no_code',
      'validation.invalid_input',
    ],
    handle: async ({ body, c }) => imtahan.cabinets.confirmPhone(ownCabinet(c), body, callOf(c)),
  })

  add({
    method: 'post',
    path: '/registration/password',
    operationId: 'completeRegistration',
    tag: 'Registration',
    summary: 'Set the password: the cabinet gets its number and an account at 0.00 (CAB-6, CAB-7, WAL-1)',
    guard: 'registration',
    body: object('PasswordInput', {
      password: text('8–128 characters, a letter and a digit', 'Kitab2026yay'),
    }),
    requestExample: { password: 'Kitab2026yay' },
    success: {
      status: 201,
      description: 'The cabinet is complete; sign in with its number or the FIN',
      codec: object('CabinetCompleted', { cabinetId, cabinetNumber }),
    },
    errors: ['password.too_weak', 'cabinet.phone_not_confirmed', 'cabinet.already_completed'],
    handle: async ({ body, c }) => imtahan.cabinets.completeRegistration(ownCabinet(c), body, callOf(c)),
  })
}
