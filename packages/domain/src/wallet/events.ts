import * as t from 'io-ts'
import { MoneyFromString, PositiveMoney } from '../kernel/money.js'
import { Instant } from '../kernel/time.js'
import { CabinetNumber } from '../values/cabinet-number.js'
import { Id, Label } from '../values/ids.js'
import { PaymentCode } from '../values/payment-code.js'

/**
 * Every event that moves money records the amount and the balance after it,
 * so WAL-6 ("every balance equals its credits minus its debits") can be
 * checked from the events alone and a statement never has to re-add history.
 */
const movement = { walletId: Id, amount: PositiveMoney, balance: MoneyFromString, at: Instant }

/** WAL-1: the account opens with 0.00 when the cabinet is completed (CAB-7). */
export const WalletOpened = t.type(
  {
    type: t.literal('WalletOpened'),
    walletId: Id,
    cabinetId: Id,
    cabinetNumber: CabinetNumber,
    openedAt: Instant,
  },
  'WalletOpened',
)

/** WAL-2: a top-up from a payment code credited to this wallet (PAY-2/PAY-3). */
export const TopUpCredited = t.type(
  { type: t.literal('TopUpCredited'), ...movement, paymentCode: PaymentCode },
  'TopUpCredited',
)

/** WAL-3: a service fee paid from the account. */
export const FeeCharged = t.type(
  { type: t.literal('FeeCharged'), ...movement, chargeId: Id, service: Label, purpose: Label },
  'FeeCharged',
)

/** WAL-5: money left the sender; it is in flight until the recipient is credited or it is refunded. */
export const TransferDebited = t.type(
  {
    type: t.literal('TransferDebited'),
    ...movement,
    transferId: Id,
    toWalletId: Id,
    toCabinetNumber: CabinetNumber,
    fromCabinetNumber: CabinetNumber,
  },
  'TransferDebited',
)

/** WAL-5: money arrived at the recipient. */
export const TransferCredited = t.type(
  {
    type: t.literal('TransferCredited'),
    ...movement,
    transferId: Id,
    fromWalletId: Id,
    fromCabinetNumber: CabinetNumber,
  },
  'TransferCredited',
)

/** WAL-5: a credit that could not be made came back to the sender. */
export const TransferRefunded = t.type(
  { type: t.literal('TransferRefunded'), ...movement, transferId: Id },
  'TransferRefunded',
)

/**
 * The wallet's final "no" to a transfer step, kept so that a redelivered
 * command gets the same answer: a debit refused for lack of money must not
 * succeed later when money has come in, and a credit refused to a wallet that
 * is not open must not land after the sender was refunded.
 */
const declined = { walletId: Id, transferId: Id, amount: PositiveMoney, reason: t.string, at: Instant }

export const TransferDebitDeclined = t.type(
  { type: t.literal('TransferDebitDeclined'), ...declined },
  'TransferDebitDeclined',
)

export const TransferCreditDeclined = t.type(
  { type: t.literal('TransferCreditDeclined'), ...declined, fromWalletId: Id },
  'TransferCreditDeclined',
)

/**
 * WAL-3: the wallet's final "no" to a fee (more than the balance), kept for
 * the same reason as the transfer declines: a redelivered charge with this id
 * gets the same answer and is never taken later, when money has come in, after
 * the registration it paid for was refused. `balance` is the balance at the
 * decline, unchanged by it.
 */
export const FeeChargeDeclined = t.type(
  {
    type: t.literal('FeeChargeDeclined'),
    walletId: Id,
    chargeId: Id,
    service: Label,
    purpose: Label,
    amount: PositiveMoney,
    balance: MoneyFromString,
    reason: t.string,
    at: Instant,
  },
  'FeeChargeDeclined',
)

export const WalletEvent = t.union(
  [
    WalletOpened,
    TopUpCredited,
    FeeCharged,
    TransferDebited,
    TransferCredited,
    TransferRefunded,
    TransferDebitDeclined,
    TransferCreditDeclined,
    FeeChargeDeclined,
  ],
  'WalletEvent',
)

export type WalletOpened = t.TypeOf<typeof WalletOpened>
export type TopUpCredited = t.TypeOf<typeof TopUpCredited>
export type FeeCharged = t.TypeOf<typeof FeeCharged>
export type TransferDebited = t.TypeOf<typeof TransferDebited>
export type TransferCredited = t.TypeOf<typeof TransferCredited>
export type TransferRefunded = t.TypeOf<typeof TransferRefunded>
export type TransferDebitDeclined = t.TypeOf<typeof TransferDebitDeclined>
export type TransferCreditDeclined = t.TypeOf<typeof TransferCreditDeclined>
export type FeeChargeDeclined = t.TypeOf<typeof FeeChargeDeclined>
export type WalletEvent = t.TypeOf<typeof WalletEvent>

/** The events that change a balance, and by how much (credits positive). */
export type WalletMovement =
  | TopUpCredited
  | FeeCharged
  | TransferDebited
  | TransferCredited
  | TransferRefunded

export type WalletDecline = TransferDebitDeclined | TransferCreditDeclined | FeeChargeDeclined

/** A recorded "no": it answers its id for good and moves no money. */
export const isDecline = (event: { readonly type: string }): event is WalletDecline =>
  event.type === 'TransferDebitDeclined' ||
  event.type === 'TransferCreditDeclined' ||
  event.type === 'FeeChargeDeclined'

export const isMovement = (event: WalletEvent): event is WalletMovement =>
  event.type !== 'WalletOpened' && !isDecline(event)

export const isDebit = (event: WalletMovement): boolean =>
  event.type === 'FeeCharged' || event.type === 'TransferDebited'
