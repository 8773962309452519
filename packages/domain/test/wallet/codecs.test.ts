import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { decodeWith, type WalletEvent, WalletEvent as WalletEventCodec } from '../../src/index.js'
import { left } from '../support/specification.js'
import { cabinet, code, debited, money, opened, roundTrip, T0 } from './fixtures.js'

const samples: WalletEvent[] = [
  opened('w-1', 1),
  {
    type: 'TopUpCredited',
    walletId: 'w-1',
    paymentCode: code('PAY-1'.padEnd(8, '0')),
    amount: money('12.5'),
    balance: money('12.50'),
    at: T0,
  },
  {
    type: 'FeeCharged',
    walletId: 'w-1',
    chargeId: 'reg:s1',
    service: 'exam',
    purpose: 'Exam fee',
    amount: money('2'),
    balance: money('10.50'),
    at: T0,
  },
  debited('1', '9.50'),
  {
    type: 'TransferCredited',
    walletId: 'w-2',
    transferId: 't-1',
    fromWalletId: 'w-1',
    fromCabinetNumber: cabinet(1),
    amount: money('1'),
    balance: money('1'),
    at: T0,
  },
  {
    type: 'TransferRefunded',
    walletId: 'w-1',
    transferId: 't-1',
    amount: money('1'),
    balance: money('10.50'),
    at: T0,
  },
  {
    type: 'TransferDebitDeclined',
    walletId: 'w-1',
    transferId: 't-2',
    amount: money('99'),
    reason: 'wallet.insufficient_funds',
    at: T0,
  },
  {
    type: 'TransferCreditDeclined',
    walletId: 'w-3',
    transferId: 't-3',
    fromWalletId: 'w-1',
    amount: money('1'),
    reason: 'wallet.not_open',
    at: T0,
  },
]

describe('Wallet event codecs', () => {
  it('every event survives a JSON round trip unchanged', () => {
    for (const event of samples) expect(roundTrip(WalletEventCodec, event)).toEqual(E.right(event))
  })

  it('money is written as text with two decimals and instants as ISO', () => {
    expect(WalletEventCodec.encode(samples[1] as WalletEvent)).toMatchObject({
      amount: '12.50',
      at: T0.toISOString(),
    })
  })

  it('bad input is rejected with a message naming the field and the rule', () => {
    const bad = { ...WalletEventCodec.encode(samples[2] as WalletEvent), amount: 2.5, chargeId: 'has space' }
    const error = left(decodeWith(WalletEventCodec)(bad))
    expect(error.code).toBe('validation.invalid_input')
    expect(error.message).toContain('amount: an amount must be a string such as "12.50"')
    expect(error.message).toContain('chargeId: an id is 1 to 128 letters')
    const negative = { ...WalletEventCodec.encode(samples[1] as WalletEvent), balance: '-1.00' }
    expect(left(decodeWith(WalletEventCodec)(negative)).message).toContain(
      'balance: "-1.00" is not an amount',
    )
  })
})
