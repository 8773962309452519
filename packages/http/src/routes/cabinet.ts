import * as E from 'fp-ts/lib/Either.js'
import { callOf, ownCabinet } from '../context.js'
import {
  CabinetOverview,
  documentNumberInput,
  documentSeriesInput,
  emailInput,
  object,
  phoneInput,
  text,
} from '../openapi/codecs.js'
import type { AddRoute, RouteDeps } from './deps.js'

const code = text('The 6-digit code from the SMS', '123456')

/** CAB-8…CAB-11 for the signed-in owner: always the token's own cabinet, never one named in the URL. */
export const cabinetRoutes = (add: AddRoute, { imtahan, sessions }: RouteDeps) => {
  add({
    method: 'get',
    path: '/cabinets/me',
    operationId: 'getCabinet',
    tag: 'Cabinet',
    summary: 'The cabinet: person, documents (with history), contacts (CAB-2, CAB-8, CAB-11)',
    guard: 'session',
    success: { status: 200, description: 'The cabinet', codec: CabinetOverview },
    errors: ['auth.unauthenticated'],
    handle: async ({ c }) => imtahan.cabinets.overview(ownCabinet(c), callOf(c)),
  })

  add({
    method: 'post',
    path: '/cabinets/me/document-renewal',
    operationId: 'renewDocument',
    tag: 'Cabinet',
    summary: '"Sənədim yenilənib": the new document is checked with the registry for the same FIN (CAB-8)',
    guard: 'session',
    body: object('DocumentRenewal', {
      series: documentSeriesInput('Series of the new document', imtahan.policy.cabinet.documentSeries),
      number: documentNumberInput('Number of the new document', '81234567'),
    }),
    requestExample: { series: 'AZE', number: '81234567' },
    success: { status: 200, description: 'The cabinet with the new document', codec: CabinetOverview },
    errors: ['cabinet.registry_no_match', 'cabinet.document_of_another_person', 'cabinet.document_expired'],
    handle: async ({ body, c }) => imtahan.cabinets.renewDocument(ownCabinet(c), body, callOf(c)),
  })

  add({
    method: 'patch',
    path: '/cabinets/me/contacts',
    operationId: 'changeContacts',
    tag: 'Cabinet',
    summary: 'Change mobile number and/or e-mail; a new number is pending until its code is entered (CAB-9)',
    guard: 'session',
    body: object(
      'ContactsChange',
      {},
      { phone: phoneInput('New mobile number', '055 111 22 33'), email: emailInput('New e-mail') },
    ),
    requestExample: { phone: '055 111 22 33' },
    success: {
      status: 200,
      description: 'The cabinet; a new number shows as pending',
      codec: CabinetOverview,
    },
    errors: ['cabinet.nothing_to_change', 'otp.resend_too_soon', 'validation.invalid_input'],
    handle: async ({ body, c }) => imtahan.cabinets.changeContacts(ownCabinet(c), body, callOf(c)),
  })

  add({
    method: 'post',
    path: '/cabinets/me/phone-code',
    operationId: 'resendPhoneCode',
    tag: 'Cabinet',
    summary: 'Send the code for the pending number again',
    guard: 'session',
    success: {
      status: 200,
      description: 'A new code was sent',
      codec: object('CodeResent', { codeSentTo: text('The number, masked', '+99455*****33') }),
    },
    errors: ['otp.resend_too_soon', 'cabinet.no_pending_phone'],
    handle: async ({ c }) => imtahan.cabinets.resendPhoneCode(ownCabinet(c), callOf(c)),
  })

  add({
    method: 'post',
    path: '/cabinets/me/phone-confirmation',
    operationId: 'confirmPhone',
    tag: 'Cabinet',
    summary: 'Enter the code: the pending number becomes the confirmed one (CAB-5, CAB-9)',
    guard: 'session',
    body: object('PhoneCode', { code }),
    requestExample: { code: '123456' },
    success: {
      status: 200,
      description: 'Confirmed',
      codec: object('PhoneNowConfirmed', { phone: text('The confirmed number', '+994551112233') }),
    },
    errors: ['otp.wrong_code', 'otp.expired', 'otp.too_many_attempts', 'otp.no_code'],
    handle: async ({ body, c }) => imtahan.cabinets.confirmPhone(ownCabinet(c), body, callOf(c)),
  })

  add({
    method: 'put',
    path: '/cabinets/me/password',
    operationId: 'changePassword',
    tag: 'Cabinet',
    summary: 'Change the password with the current one (CAB-10); other sessions end',
    guard: 'session',
    body: object('PasswordChange', {
      currentPassword: text('The current password', 'Kitab2026yay'),
      newPassword: text('The new password', 'Other2026pw'),
    }),
    requestExample: { currentPassword: 'Kitab2026yay', newPassword: 'Other2026pw' },
    success: { status: 204, description: 'Changed' },
    errors: ['cabinet.wrong_password', 'password.too_weak'],
    handle: async ({ body, c }) => {
      const changed = await imtahan.cabinets.changePassword(ownCabinet(c), body, callOf(c))
      const principal = c.get('principal')
      if (E.isRight(changed) && principal.kind === 'cabinet')
        await sessions.revokeCabinet(principal.cabinetId, principal.token)
      return changed
    },
  })
}
