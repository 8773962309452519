import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { checkAmount } from '../kernel/amount.js'
import { type DomainError, domainError } from '../kernel/errors.js'
import { Money } from '../kernel/money.js'
import { recordable } from '../kernel/recordable.js'
import type { ChargeFee, DebitForTransfer, OpenWallet, WalletCommand } from './commands.js'
import { type FeeChargeDeclined, WalletEvent } from './events.js'
import { processedKey, type WalletState } from './state.js'

type Decision = E.Either<DomainError, readonly WalletEvent[]>
type Movement = Exclude<WalletCommand, OpenWallet>

const notOpen = (walletId: string): DomainError =>
  domainError('wallet.not_open', `Account ${walletId} has not been opened; money cannot move on it.`, {
    walletId,
  })

/** WAL-1: opening twice with the same data is a retry; with other data it is a mistake. */
const openWallet = (command: OpenWallet, state: WalletState): Decision => {
  const { type: _, openedAt, ...identity } = command
  if (state.opened === undefined) return E.right([{ ...identity, type: 'WalletOpened', openedAt }])
  const same =
    state.opened.walletId === identity.walletId &&
    state.opened.cabinetId === identity.cabinetId &&
    state.opened.cabinetNumber === identity.cabinetNumber
  return same
    ? E.right([])
    : E.left(domainError('wallet.already_open', 'This account is already open for another cabinet.'))
}

/** A repeated id is answered, not re-applied; the same id with another amount is a caller's bug. */
const previousAnswer = (command: Movement, state: WalletState): Decision | undefined => {
  const previous = state.processed.get(processedKey(command))
  if (previous === undefined) return undefined
  return Money.equals(previous.amount, command.amount)
    ? E.right([])
    : E.left(
        domainError(
          'wallet.id_reused',
          `This id was already used for ${Money.format(previous.amount)} manat; use a new id for a new operation.`,
          { key: processedKey(command), amount: Money.format(previous.amount) },
        ),
      )
}

/**
 * WAL-3 as a caller hears it: the refusal a recorded `FeeChargeDeclined`
 * stands for. The use case answers with it both the first time and on every
 * repeat of the charge id, so callers see `wallet.insufficient_funds` as before.
 */
export const feeDeclineError = (declined: FeeChargeDeclined): DomainError =>
  domainError(
    'wallet.insufficient_funds',
    `The balance is ${Money.format(declined.balance)} manat, less than ${Money.format(declined.amount)}; top up the account first.`,
    { balance: Money.format(declined.balance), amount: Money.format(declined.amount) },
  )

/**
 * WAL-3: a charge larger than the balance moves nothing; the decline is
 * recorded so the id is answered for good (a later repeat is not charged).
 */
const chargeFee = (command: ChargeFee, state: WalletState): Decision => {
  const { type: _, ...charge } = command
  if (Money.greaterThan(command.amount, state.balance))
    return E.right([
      { ...charge, type: 'FeeChargeDeclined', balance: state.balance, reason: 'wallet.insufficient_funds' },
    ])
  return E.right([{ ...charge, type: 'FeeCharged', balance: Money.subtract(state.balance, command.amount) }])
}

/** WAL-4/WAL-5: a refused debit is recorded, so the transfer fails for good (see TransferDebitDeclined). */
const debitForTransfer = (command: DebitForTransfer, state: WalletState): Decision => {
  const { type: _, ...debit } = command
  const decline = (reason: string): Decision =>
    E.right([
      {
        type: 'TransferDebitDeclined',
        walletId: debit.walletId,
        transferId: debit.transferId,
        amount: debit.amount,
        reason,
        at: debit.at,
      },
    ])
  if (state.opened === undefined) return decline('wallet.not_open')
  if (Money.greaterThan(command.amount, state.balance)) return decline('wallet.insufficient_funds')
  return E.right([
    {
      ...debit,
      type: 'TransferDebited',
      fromCabinetNumber: state.opened.cabinetNumber,
      balance: Money.subtract(state.balance, command.amount),
    },
  ])
}

const decideMovement = (command: Movement, state: WalletState): Decision => {
  const open = state.opened
  const credited = Money.add(state.balance, command.amount)
  switch (command.type) {
    case 'DebitForTransfer':
      return debitForTransfer(command, state)
    case 'CreditFromTransfer': {
      const { type: _, fromCabinetNumber, ...credit } = command
      return open === undefined
        ? E.right([{ ...credit, type: 'TransferCreditDeclined', reason: 'wallet.not_open' }])
        : E.right([{ ...credit, type: 'TransferCredited', fromCabinetNumber, balance: credited }])
    }
    case 'CreditFromPayment': {
      if (open === undefined) return E.left(notOpen(command.walletId))
      const { type: _, ...topUp } = command
      return E.right([{ ...topUp, type: 'TopUpCredited', balance: credited }])
    }
    case 'ChargeFee':
      return open === undefined ? E.left(notOpen(command.walletId)) : chargeFee(command, state)
    case 'RefundTransfer': {
      const debit = state.processed.get(`out:${command.transferId}`)
      if (debit?.outcome !== 'applied' || !Money.equals(debit.amount, command.amount))
        return E.left(
          domainError('wallet.nothing_to_refund', 'Only money debited for this transfer can be refunded.', {
            transferId: command.transferId,
          }),
        )
      const { type: _, ...refund } = command
      return E.right([{ ...refund, type: 'TransferRefunded', balance: credited }])
    }
  }
}

const isRecordable = recordable('wallet', WalletEvent.types)

export const decide = (command: WalletCommand, state: WalletState): Decision => {
  if (command.type === 'OpenWallet') return pipe(openWallet(command, state), E.chain(isRecordable))
  return pipe(
    checkAmount('wallet', command.amount),
    E.chain(
      () => previousAnswer(command, state) ?? pipe(decideMovement(command, state), E.chain(isRecordable)),
    ),
  )
}
