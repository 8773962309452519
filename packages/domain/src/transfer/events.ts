import * as t from 'io-ts'
import { PositiveMoney } from '../kernel/money.js'
import { Instant } from '../kernel/time.js'
import { CabinetNumber } from '../values/cabinet-number.js'
import { Id } from '../values/ids.js'

/** WAL-4: an accepted request; the money moves through the wallets (see `transferProcess`). */
export const TransferRequested = t.type(
  {
    type: t.literal('TransferRequested'),
    transferId: Id,
    fromWalletId: Id,
    fromCabinetNumber: CabinetNumber,
    toWalletId: Id,
    toCabinetNumber: CabinetNumber,
    amount: PositiveMoney,
    requestedAt: Instant,
  },
  'TransferRequested',
)

const step = { transferId: Id, at: Instant }

/** The sender's wallet was debited: the money is in flight. */
export const TransferSent = t.type({ type: t.literal('TransferSent'), ...step }, 'TransferSent')
/** The recipient's wallet was credited. */
export const TransferCompleted = t.type(
  { type: t.literal('TransferCompleted'), ...step },
  'TransferCompleted',
)
/** The sender's wallet refused the debit (`reason` is its error code); nothing moved. */
export const TransferFailed = t.type(
  { type: t.literal('TransferFailed'), ...step, reason: t.string },
  'TransferFailed',
)
/** The recipient could not be credited and the sender was refunded (WAL-5). */
export const TransferReturned = t.type({ type: t.literal('TransferReturned'), ...step }, 'TransferReturned')

export const TransferEvent = t.union(
  [TransferRequested, TransferSent, TransferCompleted, TransferFailed, TransferReturned],
  'TransferEvent',
)

export type TransferRequested = t.TypeOf<typeof TransferRequested>
export type TransferSent = t.TypeOf<typeof TransferSent>
export type TransferCompleted = t.TypeOf<typeof TransferCompleted>
export type TransferFailed = t.TypeOf<typeof TransferFailed>
export type TransferReturned = t.TypeOf<typeof TransferReturned>
export type TransferEvent = t.TypeOf<typeof TransferEvent>
