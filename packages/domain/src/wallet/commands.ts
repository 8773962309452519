import type { Money } from '../kernel/money.js'
import type { CabinetNumber } from '../values/cabinet-number.js'
import type { PaymentCode } from '../values/payment-code.js'

/*
 * Every command names its wallet (the stream to load) and carries the id that
 * makes it idempotent: the payment code, the charge id or the transfer id. A
 * repeat with the same id and amount is answered with no events.
 */

export type OpenWallet = {
  readonly type: 'OpenWallet'
  readonly walletId: string
  readonly cabinetId: string
  readonly cabinetNumber: CabinetNumber
  readonly openedAt: Date
}

export type CreditFromPayment = {
  readonly type: 'CreditFromPayment'
  readonly walletId: string
  readonly paymentCode: PaymentCode
  readonly amount: Money
  readonly at: Date
}

/** `chargeId` is derived by the caller from what is paid for (e.g. the registration), never random. */
export type ChargeFee = {
  readonly type: 'ChargeFee'
  readonly walletId: string
  readonly chargeId: string
  readonly service: string
  readonly purpose: string
  readonly amount: Money
  readonly at: Date
}

export type DebitForTransfer = {
  readonly type: 'DebitForTransfer'
  readonly walletId: string
  readonly transferId: string
  readonly amount: Money
  readonly toWalletId: string
  readonly toCabinetNumber: CabinetNumber
  readonly at: Date
}

export type CreditFromTransfer = {
  readonly type: 'CreditFromTransfer'
  readonly walletId: string
  readonly transferId: string
  readonly amount: Money
  readonly fromWalletId: string
  readonly fromCabinetNumber: CabinetNumber
  readonly at: Date
}

export type RefundTransfer = {
  readonly type: 'RefundTransfer'
  readonly walletId: string
  readonly transferId: string
  readonly amount: Money
  readonly at: Date
}

export type WalletCommand =
  | OpenWallet
  | CreditFromPayment
  | ChargeFee
  | DebitForTransfer
  | CreditFromTransfer
  | RefundTransfer

/**
 * A command a process wants delivered to a wallet. `commandId` is derived from
 * the triggering business id, so the adapter can use it for deterministic
 * event ids and a redelivered trigger produces the very same command.
 */
export type ToWallet = {
  readonly to: 'wallet'
  readonly streamId: string
  readonly commandId: string
  readonly command: WalletCommand
}

export const toWallet = (commandId: string, command: WalletCommand): ToWallet => ({
  to: 'wallet',
  streamId: command.walletId,
  commandId,
  command,
})
