import {
  CabinetNumber,
  cabinetNumberFor,
  DocumentNumber,
  decodeWith,
  Money,
  PaymentCode,
  type TransferDebited,
  type WalletOpened,
} from '../../src/index.js'
import { right } from '../support/specification.js'

/** Test data for the money aggregates: real values, decoded through their codecs. */
export const money = (text: string): Money => right(Money.parse(text))
export const code = (raw: string): PaymentCode => right(decodeWith(PaymentCode)(raw))
export const doc = (raw: string): DocumentNumber => right(decodeWith(DocumentNumber)(raw))
export const cabinet = (sequence: number): CabinetNumber =>
  right(decodeWith(CabinetNumber)(cabinetNumberFor(sequence)))
export const at = (iso: string): Date => new Date(iso)

export const T0 = at('2026-03-02T08:00:00Z')

export const opened = (walletId: string, sequence: number): WalletOpened => ({
  type: 'WalletOpened',
  walletId,
  cabinetId: `cab-${walletId}`,
  cabinetNumber: cabinet(sequence),
  openedAt: T0,
})

/** A JSON round trip through the codec, as an event store adapter would do it. */
export const roundTrip = <A, O>(codec: { encode: (a: A) => O; decode: (u: unknown) => unknown }, value: A) =>
  codec.decode(JSON.parse(JSON.stringify(codec.encode(value))))

/** w-1 (cabinet 1) sends to w-2 (cabinet 2) in transfer t-1. */
export const debited = (amount: string, balance: string, when: Date = T0): TransferDebited => ({
  type: 'TransferDebited',
  walletId: 'w-1',
  transferId: 't-1',
  toWalletId: 'w-2',
  toCabinetNumber: cabinet(2),
  fromCabinetNumber: cabinet(1),
  amount: money(amount),
  balance: money(balance),
  at: when,
})
