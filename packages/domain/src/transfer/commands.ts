import type { Money } from '../kernel/money.js'
import type { CabinetNumber } from '../values/cabinet-number.js'

/**
 * WAL-4. The application resolves `toCabinetNumber` to a wallet (undefined
 * when no cabinet has that number) and checks the password with the slow hash
 * before calling; the decider only judges the answers.
 */
export type RequestTransfer = {
  readonly type: 'RequestTransfer'
  readonly transferId: string
  readonly fromWalletId: string
  readonly fromCabinetNumber: CabinetNumber
  readonly toCabinetNumber: CabinetNumber
  readonly toWalletId: string | undefined
  readonly amount: Money
  readonly passwordVerified: boolean
  readonly requestedAt: Date
}

type Step<Type extends string> = { readonly type: Type; readonly transferId: string; readonly at: Date }

export type MarkTransferSent = Step<'MarkTransferSent'>
export type MarkTransferCompleted = Step<'MarkTransferCompleted'>
export type MarkTransferReturned = Step<'MarkTransferReturned'>
export type MarkTransferFailed = Step<'MarkTransferFailed'> & { readonly reason: string }

export type TransferStep =
  | MarkTransferSent
  | MarkTransferCompleted
  | MarkTransferReturned
  | MarkTransferFailed
export type TransferCommand = RequestTransfer | TransferStep

/**
 * The sender's balance as the application read it just before. A fast first
 * refusal for the common case; the wallet's own debit stays the authority
 * (another spending may come in between, and the transfer then ends failed).
 */
export type TransferContext = { readonly senderBalance?: Money }
