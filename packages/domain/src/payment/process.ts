import { type ToWallet, toWallet } from '../wallet/commands.js'
import type { PaymentEvent } from './events.js'

/**
 * PAY-2/PAY-3 → WAL-2: once the payment stream has said "credited to wallet
 * W", W is topped up. The payment code is the wallet's idempotency key, so a
 * redelivered PaymentCredited tops up once.
 */
export const paymentProcess = (event: PaymentEvent): readonly ToWallet[] =>
  event.type === 'PaymentCredited'
    ? [
        toWallet(`payment:${event.paymentCode}:top-up`, {
          type: 'CreditFromPayment',
          walletId: event.walletId,
          paymentCode: event.paymentCode,
          amount: event.amount,
          at: event.creditedAt,
        }),
      ]
    : []
