import { INVALID_AMOUNT } from '../kernel/amount.js'
import type { ErrorTable } from '../kernel/errors.js'
import { INVALID_COMMAND } from '../kernel/recordable.js'

/** Refusals of incoming bank payments. */
export const PAYMENT_ERRORS = {
  'payment.already_credited': {
    status: 409,
    meaning: 'The payment code was already credited to an account.',
  },
  'payment.conflicting_redelivery': {
    status: 422,
    meaning: 'The provider sent the payment code again with other data.',
  },
  'payment.document_mismatch': {
    status: 422,
    meaning: 'The payment was made for another identity document.',
  },
  'payment.invalid_amount': INVALID_AMOUNT,
  'payment.invalid_command': INVALID_COMMAND,
  'payment.unknown_code': { status: 404, meaning: 'No payment with this code has arrived.' },
} as const satisfies ErrorTable
