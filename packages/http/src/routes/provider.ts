import * as t from 'io-ts'
import { callOf } from '../context.js'
import {
  documentNumberInput,
  instantInput,
  labelInput,
  object,
  paymentCode,
  paymentCodeInput,
  positiveAmountInput,
} from '../openapi/codecs.js'
import type { AddRoute, RouteDeps } from './deps.js'

/** PAY-1: the payment provider pushes each payment it took, authenticated by its API key. */
export const providerRoutes = (add: AddRoute, { imtahan }: RouteDeps) => {
  add({
    method: 'post',
    path: '/provider/payments',
    operationId: 'receivePayment',
    tag: 'Payment provider',
    summary: 'Push a payment taken by the provider (PAY-1); a redelivery is answered, not recorded twice',
    guard: 'provider',
    idempotent: true,
    body: object('PaymentNotice', {
      paymentCode: paymentCodeInput,
      amount: positiveAmountInput('AZN, more than 0, at most 2 decimals', '50.00'),
      documentNumber: documentNumberInput('The identity document number the payer stated', '12345678'),
      paidAt: instantInput('When it was paid, ISO-8601', '2026-05-20T07:00:00Z'),
      providerReference: labelInput('The provider’s own reference', 'ref-000123'),
    }),
    requestExample: {
      paymentCode: 'PAY-2026-000123',
      amount: '50.00',
      documentNumber: '12345678',
      paidAt: '2026-05-20T07:00:00Z',
      providerReference: 'ref-000123',
    },
    success: {
      status: 200,
      description: '`received` the first time, `already_received` for the same payment again',
      codec: object('PaymentReceived', {
        paymentCode,
        status: t.union([t.literal('received'), t.literal('already_received')]),
      }),
    },
    errors: [
      'payment.conflicting_redelivery',
      'validation.invalid_input',
      'auth.unauthenticated',
      'idempotency.key_reused',
      'idempotency.in_progress',
    ],
    handle: async ({ body, c }) => imtahan.payments.receive(body, callOf(c)),
  })
}
