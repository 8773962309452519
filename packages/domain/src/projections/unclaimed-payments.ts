import type { Money } from '../kernel/money.js'
import type { PaymentEvent } from '../payment/events.js'
import type { DocumentNumber } from '../values/document.js'
import type { PaymentCode } from '../values/payment-code.js'

export type UnclaimedPayment = {
  readonly paymentCode: PaymentCode
  readonly amount: Money
  readonly paidAt: Date
  readonly documentNumber: DocumentNumber
}

/** PAY-2: payments received and not yet credited to any account. */
export type UnclaimedPayments = {
  readonly pending: ReadonlyMap<PaymentCode, UnclaimedPayment>
  /** Codes already credited: a redelivered PaymentReceived must not list them again. */
  readonly credited: ReadonlySet<PaymentCode>
}

export const initialUnclaimedPayments: UnclaimedPayments = { pending: new Map(), credited: new Set() }

export const evolveUnclaimedPayments = (view: UnclaimedPayments, event: PaymentEvent): UnclaimedPayments => {
  if (view.credited.has(event.paymentCode)) return view
  if (event.type === 'PaymentCredited') {
    const pending = new Map(view.pending)
    pending.delete(event.paymentCode)
    return { pending, credited: new Set(view.credited).add(event.paymentCode) }
  }
  const { paymentCode, amount, paidAt, documentNumber } = event
  return {
    ...view,
    pending: new Map(view.pending).set(paymentCode, { paymentCode, amount, paidAt, documentNumber }),
  }
}

/** PAY-2: the rows for an owner (all their document numbers, old and new), oldest payment first. */
export const unclaimedFor = (
  view: UnclaimedPayments,
  documentNumbers: readonly DocumentNumber[],
): readonly UnclaimedPayment[] =>
  [...view.pending.values()]
    .filter((payment) => documentNumbers.includes(payment.documentNumber))
    .sort((a, b) => a.paidAt.getTime() - b.paidAt.getTime() || a.paymentCode.localeCompare(b.paymentCode))
