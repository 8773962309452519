import { INVALID_AMOUNT } from '../kernel/amount.js'
import type { ErrorTable } from '../kernel/errors.js'
import { INVALID_COMMAND } from '../kernel/recordable.js'

/** Refusals of a transfer between cabinets. */
export const TRANSFER_ERRORS = {
  'transfer.id_reused': { status: 422, meaning: 'The transfer id was already used for another transfer.' },
  'transfer.inconsistent_outcome': {
    status: 422,
    meaning: 'The transfer already has an outcome that this step contradicts.',
  },
  'transfer.insufficient_funds': { status: 422, meaning: 'The sender’s balance is less than the amount.' },
  'transfer.invalid_amount': INVALID_AMOUNT,
  'transfer.invalid_command': INVALID_COMMAND,
  'transfer.same_cabinet': {
    status: 422,
    meaning: 'Money cannot be transferred to the sender’s own cabinet.',
  },
  // Ends in `unknown`, not `unknown_*`, so it always answered 422 rather than 404.
  'transfer.unknown': { status: 422, meaning: 'The transfer was never requested.' },
  'transfer.unknown_recipient': { status: 404, meaning: 'No cabinet has the recipient’s number.' },
  'transfer.wrong_password': { status: 422, meaning: 'The password is wrong, so nothing was transferred.' },
} as const satisfies ErrorTable
