import { Money } from '../kernel/money.js'
import type { CabinetNumber } from '../values/cabinet-number.js'
import type { PaymentCode } from '../values/payment-code.js'
import { isDecline, type WalletEvent } from '../wallet/events.js'
import { processedKey } from '../wallet/state.js'

type Line = { readonly amount: Money; readonly at: Date }

/** WAL-2, WAL-3, CAB-11: what the owner sees on the account page. Lines are in the order they happened. */
export type AccountStatement = {
  readonly walletId: string | undefined
  readonly cabinetNumber: CabinetNumber | undefined
  readonly balance: Money
  readonly topUps: readonly (Line & { readonly paymentCode: PaymentCode })[]
  readonly spendings: readonly (Line & {
    readonly chargeId: string
    readonly service: string
    readonly purpose: string
  })[]
  readonly transfersOut: readonly (Line & {
    readonly transferId: string
    readonly toCabinetNumber: CabinetNumber
  })[]
  readonly transfersIn: readonly (Line & {
    readonly transferId: string
    readonly fromCabinetNumber: CabinetNumber
  })[]
  readonly refunds: readonly (Line & { readonly transferId: string })[]
  /** Business keys already shown, so a redelivered event is not listed twice. */
  readonly seen: ReadonlySet<string>
}

export const initialStatement: AccountStatement = {
  walletId: undefined,
  cabinetNumber: undefined,
  balance: Money.zero,
  topUps: [],
  spendings: [],
  transfersOut: [],
  transfersIn: [],
  refunds: [],
  seen: new Set(),
}

/**
 * Folds one wallet's events (a runner keys statements by `event.walletId`).
 * The balance is taken from the event, which records the balance after it,
 * so the statement agrees with the wallet without re-adding history.
 */
export const evolveStatement = (statement: AccountStatement, event: WalletEvent): AccountStatement => {
  if (event.type === 'WalletOpened')
    return { ...statement, walletId: event.walletId, cabinetNumber: event.cabinetNumber }
  if (isDecline(event)) return statement
  const key = processedKey(event)
  if (statement.seen.has(key)) return statement
  const next = { ...statement, balance: event.balance, seen: new Set(statement.seen).add(key) }
  const { amount, at } = event
  switch (event.type) {
    case 'TopUpCredited':
      return { ...next, topUps: [...statement.topUps, { paymentCode: event.paymentCode, amount, at }] }
    case 'FeeCharged': {
      const { chargeId, service, purpose } = event
      return { ...next, spendings: [...statement.spendings, { chargeId, service, purpose, amount, at }] }
    }
    case 'TransferDebited': {
      const line = { transferId: event.transferId, toCabinetNumber: event.toCabinetNumber, amount, at }
      return { ...next, transfersOut: [...statement.transfersOut, line] }
    }
    case 'TransferCredited': {
      const line = { transferId: event.transferId, fromCabinetNumber: event.fromCabinetNumber, amount, at }
      return { ...next, transfersIn: [...statement.transfersIn, line] }
    }
    case 'TransferRefunded':
      return { ...next, refunds: [...statement.refunds, { transferId: event.transferId, amount, at }] }
  }
}

export const statementOf = (events: readonly WalletEvent[]): AccountStatement =>
  events.reduce(evolveStatement, initialStatement)
