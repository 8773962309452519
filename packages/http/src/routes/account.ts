import type { ErrorCode, AccountStatement as Statement } from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { callOf, ownCabinet } from '../context.js'
import {
  AccountStatement,
  amountInput,
  cabinetNumberInput,
  object,
  paymentCodeInput,
  Spending,
  TopUp,
  TransferAnswer,
  text,
  UnclaimedPayment,
} from '../openapi/codecs.js'
import type { AddRoute, RouteDeps } from './deps.js'

const creditErrors: readonly ErrorCode[] = [
  'payment.unknown_code',
  'payment.already_credited',
  'idempotency.key_reused',
  'idempotency.in_progress',
  'validation.invalid_input',
]

/** §2 for the signed-in owner: the token's own account, never one named in the URL. */
export const accountRoutes = (add: AddRoute, { imtahan }: RouteDeps) => {
  const statement = (c: Parameters<typeof callOf>[0]) => imtahan.accounts.statement(ownCabinet(c), callOf(c))
  const listOf =
    <K extends 'topUps' | 'spendings'>(key: K) =>
    (s: Statement) =>
      s[key]

  add({
    method: 'get',
    path: '/accounts/me',
    operationId: 'getAccount',
    tag: 'Account',
    summary: 'Balance and every line: top-ups, spendings, transfers, refunds (WAL-2, WAL-3, CAB-11)',
    guard: 'session',
    success: { status: 200, description: 'The account statement', codec: AccountStatement },
    errors: ['auth.unauthenticated'],
    handle: async ({ c }) => statement(c),
  })

  add({
    method: 'get',
    path: '/accounts/me/top-ups',
    operationId: 'listTopUps',
    tag: 'Account',
    summary: '"Hesaba əlavə edilmiş məbləğlər": payment code, amount, date and time (WAL-2)',
    guard: 'session',
    success: { status: 200, description: 'Top-ups, oldest first', codec: t.readonlyArray(TopUp) },
    errors: ['auth.unauthenticated'],
    handle: async ({ c }) => E.map(listOf('topUps'))(await statement(c)),
  })

  add({
    method: 'get',
    path: '/accounts/me/spendings',
    operationId: 'listSpendings',
    tag: 'Account',
    summary: '"Hesabdan istifadələr": when and for what money was spent (WAL-3)',
    guard: 'session',
    success: { status: 200, description: 'Spendings, oldest first', codec: t.readonlyArray(Spending) },
    errors: ['auth.unauthenticated'],
    handle: async ({ c }) => E.map(listOf('spendings'))(await statement(c)),
  })

  add({
    method: 'get',
    path: '/accounts/me/unclaimed-payments',
    operationId: 'listUnclaimedPayments',
    tag: 'Account',
    summary: 'Payments stated for the owner’s documents and not yet credited (PAY-2, method 1)',
    guard: 'session',
    success: {
      status: 200,
      description: 'Unclaimed payments, oldest first',
      codec: t.readonlyArray(UnclaimedPayment),
    },
    errors: ['auth.unauthenticated'],
    handle: async ({ c }) => imtahan.accounts.unclaimedPayments(ownCabinet(c), callOf(c)),
  })

  add({
    method: 'post',
    path: '/accounts/me/unclaimed-payments/{paymentCode}/credit',
    operationId: 'creditListedPayment',
    tag: 'Account',
    summary: '"Məbləği hesabıma əlavə et": credit a listed payment (PAY-2, PAY-4)',
    guard: 'session',
    idempotent: true,
    params: object('PaymentCodeParam', { paymentCode: paymentCodeInput }),
    success: { status: 200, description: 'Credited; the statement after it', codec: AccountStatement },
    errors: [...creditErrors, 'payment.document_mismatch'],
    handle: async ({ params, c }) =>
      imtahan.accounts.creditPayment(
        ownCabinet(c),
        { paymentCode: params.paymentCode, method: 'listed' },
        callOf(c),
      ),
  })

  add({
    method: 'post',
    path: '/accounts/me/credits',
    operationId: 'creditPaymentByCode',
    tag: 'Account',
    summary: 'Credit any electronically obtained payment by typing its code (PAY-3, PAY-4)',
    guard: 'session',
    idempotent: true,
    body: object('CreditByCode', { paymentCode: paymentCodeInput }),
    requestExample: { paymentCode: 'PAY-2026-000123' },
    success: { status: 200, description: 'Credited; the statement after it', codec: AccountStatement },
    errors: creditErrors,
    handle: async ({ body, c }) =>
      imtahan.accounts.creditPayment(
        ownCabinet(c),
        { paymentCode: body.paymentCode, method: 'code' },
        callOf(c),
      ),
  })

  add({
    method: 'post',
    path: '/accounts/me/transfers',
    operationId: 'transfer',
    tag: 'Account',
    summary: 'Send money to another cabinet: its number, the amount and your password (WAL-4, WAL-5)',
    guard: 'session',
    idempotent: true,
    body: object('TransferInput', {
      toCabinetNumber: cabinetNumberInput('The recipient’s cabinet number', '10000024'),
      // A zero amount decodes: the transfer decider refuses it with `transfer.invalid_amount` (WAL-4).
      amount: amountInput('AZN, more than 0, at most 2 decimals', '25.00'),
      password: text('Your own password', 'Kitab2026yay'),
    }),
    requestExample: { toCabinetNumber: '10000024', amount: '25.00', password: 'Kitab2026yay' },
    success: { status: 201, description: 'The transfer and the balance after it', codec: TransferAnswer },
    errors: [
      'transfer.wrong_password',
      'transfer.unknown_recipient',
      'transfer.same_cabinet',
      'transfer.invalid_amount',
      'transfer.insufficient_funds',
      'idempotency.key_reused',
      'idempotency.in_progress',
    ],
    handle: async ({ body, c }) => imtahan.accounts.transfer(ownCabinet(c), body, callOf(c)),
  })
}
