import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { checkAmount } from '../kernel/amount.js'
import { type DomainError, domainError, type ErrorCode } from '../kernel/errors.js'
import { Money } from '../kernel/money.js'
import { recordable } from '../kernel/recordable.js'
import type { RequestTransfer, TransferCommand, TransferContext, TransferStep } from './commands.js'
import { TransferEvent, type TransferRequested } from './events.js'
import type { TransferState, TransferStatus } from './state.js'

type Decision = E.Either<DomainError, readonly TransferEvent[]>

const refuse = (code: ErrorCode, message: string, details?: Record<string, unknown>): Decision =>
  E.left(domainError(code, message, details))

const sameRequest = (a: TransferRequested, b: RequestTransfer): boolean =>
  a.fromWalletId === b.fromWalletId &&
  a.toWalletId === b.toWalletId &&
  a.toCabinetNumber === b.toCabinetNumber &&
  Money.equals(a.amount, b.amount)

/**
 * WAL-4, in this order: the password first (so a stolen session cannot probe
 * which cabinet numbers exist), then a retry of an accepted request, then the
 * amount, the recipient and the sender's balance. Every refusal records nothing.
 */
const request = (command: RequestTransfer, state: TransferState, context: TransferContext): Decision => {
  if (!command.passwordVerified)
    return refuse('transfer.wrong_password', 'The password is wrong; nothing was transferred.')
  if (state.status !== 'none')
    return sameRequest(state.request, command)
      ? E.right([])
      : refuse('transfer.id_reused', 'This transfer id was already used for another transfer.', {
          transferId: command.transferId,
        })
  const amount = checkAmount('transfer', command.amount)
  if (E.isLeft(amount)) return amount
  if (command.toCabinetNumber === command.fromCabinetNumber)
    return refuse('transfer.same_cabinet', 'You cannot transfer money to your own cabinet.')
  const { type: _, passwordVerified: __, toWalletId, ...request } = command
  if (toWalletId === undefined)
    return refuse(
      'transfer.unknown_recipient',
      `No cabinet has the number ${command.toCabinetNumber}; check the number and try again.`,
      { toCabinetNumber: command.toCabinetNumber },
    )
  if (context.senderBalance !== undefined && Money.greaterThan(command.amount, context.senderBalance))
    return refuse(
      'transfer.insufficient_funds',
      `The balance is ${Money.format(context.senderBalance)} manat, less than ${Money.format(command.amount)}.`,
      { balance: Money.format(context.senderBalance), amount: Money.format(command.amount) },
    )
  return E.right([{ ...request, type: 'TransferRequested', toWalletId }])
}

/**
 * The steps arrive from the process in any order and more than once, so
 * each one may move the transfer forward from several states and is a no-op
 * where it already holds. Wallets answer each transfer id once and for all,
 * so contradicting outcomes (completed and returned) can only be a bug.
 */
const STEPS = {
  MarkTransferSent: { to: 'sent', from: ['requested'], holds: ['sent', 'completed', 'returned'] },
  MarkTransferCompleted: { to: 'completed', from: ['requested', 'sent'], holds: ['completed'] },
  MarkTransferReturned: { to: 'returned', from: ['requested', 'sent'], holds: ['returned'] },
  MarkTransferFailed: { to: 'failed', from: ['requested'], holds: ['failed'] },
} as const satisfies Record<
  TransferStep['type'],
  { to: TransferStatus; from: readonly TransferStatus[]; holds: readonly TransferStatus[] }
>

const EVENT_OF = {
  sent: 'TransferSent',
  completed: 'TransferCompleted',
  returned: 'TransferReturned',
  failed: 'TransferFailed',
} as const

const advance = (command: TransferStep, state: TransferState): Decision => {
  if (state.status === 'none')
    return refuse('transfer.unknown', `Transfer ${command.transferId} was never requested.`, {
      transferId: command.transferId,
    })
  const step = STEPS[command.type]
  if ((step.holds as readonly TransferStatus[]).includes(state.status)) return E.right([])
  if (!(step.from as readonly TransferStatus[]).includes(state.status))
    return refuse(
      'transfer.inconsistent_outcome',
      `Transfer ${command.transferId} is already ${state.status}; it cannot become ${step.to}.`,
      { transferId: command.transferId, status: state.status },
    )
  const base = { transferId: command.transferId, at: command.at }
  return E.right([
    command.type === 'MarkTransferFailed'
      ? { ...base, type: 'TransferFailed', reason: command.reason }
      : { ...base, type: EVENT_OF[step.to as Exclude<typeof step.to, 'failed'>] },
  ])
}

const isRecordable = recordable('transfer', TransferEvent.types)

export const decide = (command: TransferCommand, state: TransferState, context: TransferContext): Decision =>
  pipe(
    command.type === 'RequestTransfer' ? request(command, state, context) : advance(command, state),
    E.chain(isRecordable),
  )
