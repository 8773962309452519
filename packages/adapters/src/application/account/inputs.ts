import {
  CabinetNumber,
  DocumentNumber,
  Id,
  Instant,
  Label,
  MoneyFromString,
  PaymentCode,
  PaymentMethod,
  PositiveMoney,
} from '@imtahan/domain'
import * as t from 'io-ts'

/*
 * The decoded inputs of the account and payment use cases, built from the
 * domain's codecs. The edges (HTTP, CLI) decode with these codecs or with
 * documented codecs of the same types; the use cases take the types.
 */

/** PAY-2 (`listed`) and PAY-3 (`code`). */
export const CreditInput = t.type({ paymentCode: PaymentCode, method: PaymentMethod }, 'CreditInput')
export type CreditInput = t.TypeOf<typeof CreditInput>

/** WAL-3: `chargeId` makes the charge idempotent. */
export const FeeInput = t.type(
  { chargeId: Id, service: Label, purpose: Label, amount: MoneyFromString },
  'FeeInput',
)
export type FeeInput = t.TypeOf<typeof FeeInput>

/** WAL-4/5: a zero amount decodes; the transfer decider refuses it (`transfer.invalid_amount`). */
export const TransferInput = t.type(
  { toCabinetNumber: CabinetNumber, amount: MoneyFromString, password: t.string },
  'TransferInput',
)
export type TransferInput = t.TypeOf<typeof TransferInput>

/** PAY-1: the provider's notice of one payment. */
export const PaymentNotice = t.type(
  {
    paymentCode: PaymentCode,
    amount: PositiveMoney,
    documentNumber: DocumentNumber,
    paidAt: Instant,
    providerReference: Label,
  },
  'PaymentNotice',
)
export type PaymentNotice = t.TypeOf<typeof PaymentNotice>
