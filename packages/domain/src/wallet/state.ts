import { Money } from '../kernel/money.js'
import type { CabinetNumber } from '../values/cabinet-number.js'
import type { WalletCommand } from './commands.js'
import type { WalletEvent } from './events.js'

/** What the wallet remembers of an id it has already answered. */
export type Processed = { readonly amount: Money; readonly outcome: 'applied' | 'declined' }

export type WalletState = {
  readonly opened:
    | { readonly walletId: string; readonly cabinetId: string; readonly cabinetNumber: CabinetNumber }
    | undefined
  readonly balance: Money
  /** Every id answered so far, keyed by `processedKey`: this is what makes commands idempotent. */
  readonly processed: ReadonlyMap<string, Processed>
}

export const initialWalletState: WalletState = {
  opened: undefined,
  balance: Money.zero,
  processed: new Map(),
}

type Keyed = Exclude<WalletCommand | WalletEvent, { type: 'OpenWallet' } | { type: 'WalletOpened' }>

/**
 * One namespace per kind of id, so a transfer id used for the debit and the
 * refund of the same transfer never collide, and a command and the event it
 * produced share their key.
 */
export const processedKey = (item: Keyed): string => {
  switch (item.type) {
    case 'CreditFromPayment':
    case 'TopUpCredited':
      return `topup:${item.paymentCode}`
    case 'ChargeFee':
    case 'FeeCharged':
    case 'FeeChargeDeclined':
      return `charge:${item.chargeId}`
    case 'DebitForTransfer':
    case 'TransferDebited':
    case 'TransferDebitDeclined':
      return `out:${item.transferId}`
    case 'CreditFromTransfer':
    case 'TransferCredited':
    case 'TransferCreditDeclined':
      return `in:${item.transferId}`
    case 'RefundTransfer':
    case 'TransferRefunded':
      return `refund:${item.transferId}`
  }
}

const remember = (state: WalletState, key: string, entry: Processed): ReadonlyMap<string, Processed> =>
  new Map(state.processed).set(key, entry)

export const evolve = (state: WalletState, event: WalletEvent): WalletState => {
  switch (event.type) {
    case 'WalletOpened':
      return {
        ...state,
        opened: { walletId: event.walletId, cabinetId: event.cabinetId, cabinetNumber: event.cabinetNumber },
      }
    case 'TransferDebitDeclined':
    case 'TransferCreditDeclined':
    case 'FeeChargeDeclined':
      return {
        ...state,
        processed: remember(state, processedKey(event), { amount: event.amount, outcome: 'declined' }),
      }
    default:
      return {
        ...state,
        balance: event.balance,
        processed: remember(state, processedKey(event), { amount: event.amount, outcome: 'applied' }),
      }
  }
}
