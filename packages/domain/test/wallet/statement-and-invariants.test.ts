import { describe, expect, it } from 'vitest'
import {
  checkMoneyInvariants,
  Money,
  type MoneyEvent,
  type PaymentCredited,
  type PaymentReceived,
  statementOf,
  type WalletEvent,
} from '../../src/index.js'
import { at, cabinet, code, debited, doc, money, opened, T0 } from './fixtures.js'

const CODE = code('PAY-0001')
const paid: PaymentReceived = {
  type: 'PaymentReceived',
  paymentCode: CODE,
  amount: money('50'),
  documentNumber: doc('1234567'),
  paidAt: T0,
  providerReference: 'ref',
}
const credited: PaymentCredited = {
  type: 'PaymentCredited',
  paymentCode: CODE,
  walletId: 'w-1',
  amount: money('50'),
  method: 'code',
  requestId: 'r',
  creditedAt: T0,
}
const t1 = at('2026-03-02T09:30:00Z')
const history: WalletEvent[] = [
  opened('w-1', 1),
  {
    type: 'TopUpCredited',
    walletId: 'w-1',
    paymentCode: CODE,
    amount: money('50'),
    balance: money('50'),
    at: T0,
  },
  {
    type: 'FeeCharged',
    walletId: 'w-1',
    chargeId: 'reg-1',
    service: 'exam',
    purpose: 'Test registration',
    amount: money('15'),
    balance: money('35'),
    at: t1,
  },
  debited('5', '30', t1),
  {
    type: 'TransferRefunded',
    walletId: 'w-1',
    transferId: 't-1',
    amount: money('5'),
    balance: money('35'),
    at: t1,
  },
]

describe('Account statement (WAL-2, WAL-3)', () => {
  it('WAL-2/WAL-3: shows the balance, top-ups with code, amount and time, spendings with purpose and time', () => {
    const statement = statementOf(history)
    expect(Money.format(statement.balance)).toBe('35.00')
    expect(statement.cabinetNumber).toBe(cabinet(1))
    expect(statement.topUps).toEqual([{ paymentCode: CODE, amount: money('50'), at: T0 }])
    expect(statement.spendings).toEqual([
      { chargeId: 'reg-1', service: 'exam', purpose: 'Test registration', amount: money('15'), at: t1 },
    ])
    expect(statement.transfersOut).toEqual([
      { transferId: 't-1', toCabinetNumber: cabinet(2), amount: money('5'), at: t1 },
    ])
    expect(statement.refunds).toEqual([{ transferId: 't-1', amount: money('5'), at: t1 }])
  })

  it('is the same when every event is delivered twice, even late', () => {
    const redelivered = [...history.flatMap((event) => [event, event]), ...history]
    expect(statementOf(redelivered)).toEqual(statementOf(history))
  })
})

describe('Money invariants (WAL-6)', () => {
  const all: MoneyEvent[] = [paid, credited, ...history]

  it('WAL-6: a consistent history has no violation (5.00 came back, so nothing is in flight)', () => {
    expect(checkMoneyInvariants(all)).toEqual([])
  })

  it('WAL-6: money in flight counts towards the total', () => {
    expect(checkMoneyInvariants(all.slice(0, -1))).toEqual([])
  })

  it('WAL-6: a recorded balance that is not credits minus debits is reported', () => {
    const tampered = all.map((event) =>
      event.type === 'FeeCharged' ? { ...event, balance: money('36') } : event,
    )
    expect(checkMoneyInvariants(tampered).map((v) => v.message)).toContain(
      'Recorded balance 36.00 ≠ credits − debits 35.00.',
    )
  })

  it('WAL-6: a balance below zero and money created from nothing are reported', () => {
    const overdrawn: MoneyEvent = {
      ...(history[2] as WalletEvent & { type: 'FeeCharged' }),
      chargeId: 'reg-2',
      amount: money('40'),
      balance: Money.subtract(money('35'), money('40')),
    }
    const messages = checkMoneyInvariants([...all, overdrawn]).map((v) => v.message)
    expect(messages).toContain('Balance went below zero: -5.00.')
    const created = checkMoneyInvariants([paid, opened('w-1', 1), history[1] as WalletEvent])
    expect(created.map((v) => v.rule)).toEqual(['PAY-4', 'WAL-6'])
  })

  it('PAY-4/WAL-5: a code topped up twice and a transfer settled twice are reported', () => {
    const twice = checkMoneyInvariants([
      ...all,
      { ...(history[1] as WalletEvent & { type: 'TopUpCredited' }), balance: money('85') },
    ])
    expect(twice.some((v) => v.rule === 'PAY-4' && v.message.includes('topped up twice'))).toBe(true)
    const settledTwice = checkMoneyInvariants([
      ...all,
      { ...(history[4] as WalletEvent & { type: 'TransferRefunded' }), balance: money('40') },
    ])
    expect(settledTwice.some((v) => v.rule === 'WAL-5')).toBe(true)
  })
})
