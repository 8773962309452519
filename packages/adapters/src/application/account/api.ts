import type { AccountStatement, UnclaimedPayment } from '@imtahan/domain'
import type { Call } from '../shared/caller.js'
import type { Result } from '../shared/result.js'
import type { CreditInput, FeeInput, PaymentNotice, TransferInput } from './inputs.js'

/* The account (wallet) and payment use cases (RULES.md §2). */

export type TransferAnswer = {
  readonly transferId: string
  /** `completed` once settled (the facade settles synchronously when it can); `failed` / `returned` otherwise. */
  readonly status: 'requested' | 'completed' | 'failed' | 'returned'
  readonly amount: string
  readonly toCabinetNumber: string
  readonly balance: string
}

export interface AccountUseCases {
  statement(cabinetId: string, call: Call): Result<AccountStatement>
  /** PAY-2: payments stated for the owner's documents, not yet credited. */
  unclaimedPayments(cabinetId: string, call: Call): Result<readonly UnclaimedPayment[]>
  /** PAY-2 (`listed`) and PAY-3 (`code`). */
  creditPayment(cabinetId: string, input: CreditInput, call: Call): Result<AccountStatement>
  /** WAL-3: a service fee; `chargeId` makes it idempotent. */
  chargeFee(cabinetId: string, input: FeeInput, call: Call): Result<AccountStatement>
  /** WAL-4/5. */
  transfer(cabinetId: string, input: TransferInput, call: Call): Result<TransferAnswer>
}

export interface PaymentUseCases {
  /** PAY-1: the provider's feed. Redelivery of the same payment is answered, not duplicated. */
  receive(
    notice: PaymentNotice,
    call: Call,
  ): Result<{ paymentCode: string; status: 'received' | 'already_received' }>
}
