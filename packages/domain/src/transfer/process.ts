import { type ToWallet, toWallet } from '../wallet/commands.js'
import type { WalletEvent } from '../wallet/events.js'
import type { TransferCommand } from './commands.js'
import type { TransferEvent } from './events.js'

export type ToTransfer = {
  readonly to: 'transfer'
  readonly streamId: string
  readonly commandId: string
  readonly command: TransferCommand
}

export type ProcessCommand = ToWallet | ToTransfer

const toTransfer = (commandId: string, command: TransferCommand): ToTransfer => ({
  to: 'transfer',
  streamId: command.transferId,
  commandId,
  command,
})

/**
 * WAL-5 as a pure reaction: each event of a transfer's journey gives the
 * commands that must follow. Every command id is `transfer:<id>:<step>`, and
 * every target answers a transfer id once and for all, so redelivered,
 * duplicated or reordered events can neither move money twice nor lose it:
 *
 *   TransferRequested → debit sender ─┬→ TransferDebited → credit recipient + mark sent
 *                                     └→ TransferDebitDeclined → mark failed
 *   TransferCredited → mark completed
 *   TransferCreditDeclined → refund sender → TransferRefunded → mark returned
 */
type Mark = 'MarkTransferSent' | 'MarkTransferCompleted' | 'MarkTransferReturned'

const mark = (type: Mark, step: string, event: { readonly transferId: string; readonly at: Date }) =>
  toTransfer(`transfer:${event.transferId}:${step}`, { type, transferId: event.transferId, at: event.at })

export const transferProcess = (event: WalletEvent | TransferEvent): readonly ProcessCommand[] => {
  const id = (step: string) => `transfer:${'transferId' in event ? event.transferId : ''}:${step}`
  switch (event.type) {
    case 'TransferRequested':
      return [
        toWallet(id('debit'), {
          type: 'DebitForTransfer',
          walletId: event.fromWalletId,
          transferId: event.transferId,
          amount: event.amount,
          toWalletId: event.toWalletId,
          toCabinetNumber: event.toCabinetNumber,
          at: event.requestedAt,
        }),
      ]
    case 'TransferDebited':
      return [
        toWallet(id('credit'), {
          type: 'CreditFromTransfer',
          walletId: event.toWalletId,
          transferId: event.transferId,
          amount: event.amount,
          fromWalletId: event.walletId,
          fromCabinetNumber: event.fromCabinetNumber,
          at: event.at,
        }),
        mark('MarkTransferSent', 'sent', event),
      ]
    case 'TransferDebitDeclined': {
      const { transferId, reason, at } = event
      return [toTransfer(id('failed'), { type: 'MarkTransferFailed', transferId, reason, at })]
    }
    case 'TransferCredited':
      return [mark('MarkTransferCompleted', 'completed', event)]
    case 'TransferCreditDeclined': {
      const { fromWalletId: walletId, transferId, amount, at } = event
      return [toWallet(id('refund'), { type: 'RefundTransfer', walletId, transferId, amount, at })]
    }
    case 'TransferRefunded':
      return [mark('MarkTransferReturned', 'returned', event)]
    default:
      return []
  }
}
