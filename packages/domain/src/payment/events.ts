import * as t from 'io-ts'
import { PositiveMoney } from '../kernel/money.js'
import { Instant } from '../kernel/time.js'
import { DocumentNumber } from '../values/document.js'
import { Id, Label } from '../values/ids.js'
import { PaymentCode } from '../values/payment-code.js'

/** PAY-2 "method 1" (`listed`: chosen from payments stated for the owner's document) or PAY-3 "method 2" (`code`). */
export const PaymentMethod = t.keyof({ listed: null, code: null }, 'PaymentMethod')
export type PaymentMethod = t.TypeOf<typeof PaymentMethod>

/** PAY-1: a payment as the provider's feed reports it. */
export const PaymentReceived = t.type(
  {
    type: t.literal('PaymentReceived'),
    paymentCode: PaymentCode,
    amount: PositiveMoney,
    documentNumber: DocumentNumber,
    paidAt: Instant,
    providerReference: Label,
  },
  'PaymentReceived',
)

/** PAY-4: the one and only crediting of this code; the wallet's TopUpCredited follows from it. */
export const PaymentCredited = t.type(
  {
    type: t.literal('PaymentCredited'),
    paymentCode: PaymentCode,
    walletId: Id,
    amount: PositiveMoney,
    method: PaymentMethod,
    requestId: Id,
    creditedAt: Instant,
  },
  'PaymentCredited',
)

export const PaymentEvent = t.union([PaymentReceived, PaymentCredited], 'PaymentEvent')

export type PaymentReceived = t.TypeOf<typeof PaymentReceived>
export type PaymentCredited = t.TypeOf<typeof PaymentCredited>
export type PaymentEvent = t.TypeOf<typeof PaymentEvent>
