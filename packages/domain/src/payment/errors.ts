import type { ErrorTable } from '../kernel/errors.js'

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
  'payment.invalid_amount': {
    status: 422,
    meaning: 'The amount is not positive or has more than 2 decimals (WAL-4).',
  },
  'payment.invalid_command': {
    status: 422,
    meaning: 'The payment refused to record an event its own codec would reject.',
  },
  'payment.unknown_code': { status: 404, meaning: 'No payment with this code has arrived.' },
} as const satisfies ErrorTable
