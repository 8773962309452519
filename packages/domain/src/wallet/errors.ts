import { INVALID_AMOUNT } from '../kernel/amount.js'
import type { ErrorTable } from '../kernel/errors.js'
import { INVALID_COMMAND } from '../kernel/recordable.js'

/** Refusals of the money account (WAL rules). */
export const WALLET_ERRORS = {
  'wallet.already_open': { status: 409, meaning: 'The account is already open for another cabinet.' },
  'wallet.id_reused': { status: 422, meaning: 'An operation id was reused for a different amount.' },
  'wallet.insufficient_funds': { status: 422, meaning: 'The balance is less than the amount to debit.' },
  'wallet.invalid_amount': INVALID_AMOUNT,
  'wallet.invalid_command': INVALID_COMMAND,
  'wallet.not_open': { status: 422, meaning: 'The account has not been opened, so money cannot move on it.' },
  'wallet.nothing_to_refund': {
    status: 422,
    meaning: 'Only money debited for this transfer can be refunded.',
  },
} as const satisfies ErrorTable
