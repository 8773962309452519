import type { Money } from '../kernel/money.js'
import type { DocumentNumber } from '../values/document.js'
import type { PaymentCode } from '../values/payment-code.js'

/** PAY-1: one payment from the provider's feed; the feed may deliver it more than once. */
export type ReceivePayment = {
  readonly type: 'ReceivePayment'
  readonly paymentCode: PaymentCode
  readonly amount: Money
  readonly documentNumber: DocumentNumber
  readonly paidAt: Date
  readonly providerReference: string
}

/**
 * PAY-2/PAY-3: credit a received payment to the owner's wallet. `requestId`
 * identifies this attempt (the application derives it from the
 * Idempotency-Key, WAL-7), so a retry of the same request is answered with no
 * events while anyone else's second attempt is refused (PAY-4).
 */
export type CreditPayment = {
  readonly type: 'CreditPayment'
  readonly paymentCode: PaymentCode
  readonly walletId: string
  readonly requestId: string
  readonly creditedAt: Date
} & (
  | { readonly method: 'listed'; readonly ownerDocumentNumbers: readonly DocumentNumber[] }
  | { readonly method: 'code' }
)

export type PaymentCommand = ReceivePayment | CreditPayment
