import { randomUUID } from 'node:crypto'
import { type DevSmsSender, deterministicUuid, IMTAHAN_NAMESPACE, type Imtahan } from '@imtahan/adapters'
import { domainError, normalisePhone } from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import { callOf, ownCabinet } from '../context.js'
import { AccountStatement, amountInput, labelInput, object, text } from '../openapi/codecs.js'
import type { AddRoute } from './deps.js'

/**
 * Development only (mounted when the dev SMS sender is used): read what the
 * "SMS" said, and charge a service fee the way the Centre's services will
 * (exam registration comes with the exam routes), so the WAL-3 flow can be
 * tried end to end.
 */
export const devRoutes = (add: AddRoute, sms: DevSmsSender, imtahan: Imtahan) => {
  add({
    method: 'get',
    path: '/dev/sms',
    operationId: 'lastSms',
    tag: 'Development',
    summary: 'The last SMS the dev sender "sent" to a number (never present in production)',
    guard: 'none',
    query: object('SmsQuery', { phone: text('The mobile number, any common form', '+994501234567') }),
    success: {
      status: 200,
      description: 'The message',
      codec: object('Sms', {
        phone: text('E.164', '+994501234567'),
        text: text('The text', 'Your code: 123456'),
      }),
    },
    errors: ['dev.no_message'],
    handle: async ({ query }) => {
      const phone = normalisePhone(query.phone) ?? query.phone
      const message = sms.lastMessageTo(phone)
      return message === undefined
        ? E.left(domainError('dev.no_message', 'No SMS was sent to this number since the server started.'))
        : E.right({ phone, text: message })
    },
  })

  add({
    method: 'post',
    path: '/dev/accounts/me/fees',
    operationId: 'chargeDevFee',
    tag: 'Development',
    summary: 'Charge a service fee to your own account, as a Centre service would (WAL-3; dev only)',
    description:
      'In production fees are charged by the service itself (e.g. exam registration, EXM-10), never by an ' +
      'amount the candidate chooses. The Idempotency-Key, when given, is the charge id.',
    guard: 'session',
    idempotent: true,
    body: object('DevFee', {
      service: labelInput('The service', 'exam-registration'),
      purpose: labelInput('What the money pays for', 'Civil service test, May 2026'),
      amount: amountInput('AZN, at most 2 decimals', '15.00'),
    }),
    requestExample: {
      service: 'exam-registration',
      purpose: 'Civil service test, May 2026',
      amount: '15.00',
    },
    success: { status: 200, description: 'Charged; the statement after it', codec: AccountStatement },
    errors: ['wallet.insufficient_funds', 'wallet.id_reused'],
    handle: async ({ body, c }) => {
      const call = callOf(c)
      const cabinet = ownCabinet(c)
      // The key may hold characters a charge id may not; a UUID derived from it is stable across retries.
      const chargeId =
        call.idempotencyKey === undefined
          ? randomUUID()
          : deterministicUuid(IMTAHAN_NAMESPACE, `dev-fee\n${cabinet}\n${call.idempotencyKey}`)
      return imtahan.accounts.chargeFee(
        cabinet,
        { chargeId, service: body.service, purpose: body.purpose, amount: body.amount },
        call,
      )
    },
  })
}
