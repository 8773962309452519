import { describe, expect, it } from 'vitest'
import {
  type FeeChargeDeclined,
  feeDeclineError,
  fold,
  Money,
  statementOf,
  type TopUpCredited,
  type WalletEvent,
  walletDecider,
} from '../../src/index.js'
import { specification } from '../support/specification.js'
import { cabinet, code, money, opened, T0 } from './fixtures.js'

const wallet = specification(walletDecider)
const W = 'w-1'
const topUp = (paymentCode: string, amount: string, balance: string): TopUpCredited => ({
  type: 'TopUpCredited',
  walletId: W,
  paymentCode: code(paymentCode),
  amount: money(amount),
  balance: money(balance),
  at: T0,
})
const funded: WalletEvent[] = [opened(W, 1), topUp('PAY-0001', '30.00', '30.00')]
const charge = (chargeId: string, amount: string) =>
  ({
    type: 'ChargeFee',
    walletId: W,
    chargeId,
    service: 'exam-registration',
    purpose: 'Registration for the civil-service test, sitting 2026-05',
    amount: money(amount),
    at: T0,
  }) as const
const debit = (transferId: string, amount: string) =>
  ({
    type: 'DebitForTransfer',
    walletId: W,
    transferId,
    amount: money(amount),
    toWalletId: 'w-2',
    toCabinetNumber: cabinet(2),
    at: T0,
  }) as const

describe('Wallet', () => {
  const open = {
    type: 'OpenWallet',
    walletId: W,
    cabinetId: 'cab-w-1',
    cabinetNumber: cabinet(1),
    openedAt: T0,
  } as const

  it('WAL-1: a wallet opens with balance 0.00 for its cabinet', () => {
    wallet
      .given([])
      .when(open, undefined)
      .then([opened(W, 1)])
    expect(Money.format(fold(walletDecider, [opened(W, 1)]).balance)).toBe('0.00')
  })

  it('WAL-1: opening again with the same data is a retry; for another cabinet it is refused', () => {
    wallet
      .given([opened(W, 1)])
      .when(open, undefined)
      .then([])
    wallet
      .given([opened(W, 1)])
      .when({ ...open, cabinetNumber: cabinet(7) }, undefined)
      .thenFails('wallet.already_open')
  })

  it('WAL-2: a payment top-up raises the balance and records code, amount and time', () => {
    wallet
      .given(funded)
      .when(
        {
          type: 'CreditFromPayment',
          walletId: W,
          paymentCode: code('PAY-0002'),
          amount: money('12.50'),
          at: T0,
        },
        undefined,
      )
      .then([topUp('PAY-0002', '12.50', '42.50')])
  })

  it('WAL-2: the same payment code again adds nothing; with another amount it is refused', () => {
    const again = {
      type: 'CreditFromPayment',
      walletId: W,
      paymentCode: code('PAY-0001'),
      amount: money('30'),
      at: T0,
    } as const
    wallet.given(funded).when(again, undefined).then([])
    wallet
      .given(funded)
      .when({ ...again, amount: money('31') }, undefined)
      .thenFails('wallet.id_reused')
  })

  it('WAL-2: money cannot land on a wallet that was never opened', () => {
    const command = {
      type: 'CreditFromPayment',
      walletId: W,
      paymentCode: code('PAY-0002'),
      amount: money('1'),
      at: T0,
    } as const
    wallet.given([]).when(command, undefined).thenFails('wallet.not_open')
  })

  it('WAL-3: a fee is paid from the balance with its purpose and time', () => {
    const [event] = wallet.given(funded).when(charge('reg-1', '30.00'), undefined).events()
    expect(event).toEqual({ ...charge('reg-1', '30.00'), type: 'FeeCharged', balance: money('0.00') })
  })

  it('WAL-3: a charge larger than the balance moves nothing and its decline is recorded', () => {
    const [declined] = wallet.given(funded).when(charge('reg-1', '30.01'), undefined).events()
    expect(declined).toEqual({
      ...charge('reg-1', '30.01'),
      type: 'FeeChargeDeclined',
      balance: money('30.00'),
      reason: 'wallet.insufficient_funds',
    })
    const after = fold(walletDecider, [...funded, declined as WalletEvent])
    expect(Money.format(after.balance)).toBe('30.00')
    expect(feeDeclineError(declined as FeeChargeDeclined)).toMatchObject({
      code: 'wallet.insufficient_funds',
      details: { balance: '30.00', amount: '30.01' },
    })
  })

  it('WAL-3: a declined charge id is never charged later, even after a top-up', () => {
    const declined = wallet.given(funded).when(charge('reg-1', '40'), undefined).events()
    const richer = [...funded, ...declined, topUp('PAY-0002', '100', '130.00')]
    wallet.given(richer).when(charge('reg-1', '40'), undefined).then([])
    wallet.given(richer).when(charge('reg-1', '41'), undefined).thenFails('wallet.id_reused')
    expect(statementOf(richer).spendings).toEqual([])
    expect(Money.format(statementOf(richer).balance)).toBe('130.00')
  })

  it('WAL-3: a repeated charge id is answered with no events, even when the balance is now too low', () => {
    const paid = [...funded, ...wallet.given(funded).when(charge('reg-1', '20'), undefined).events()]
    wallet.given(paid).when(charge('reg-1', '20'), undefined).then([])
    wallet.given(paid).when(charge('reg-1', '5'), undefined).thenFails('wallet.id_reused')
  })

  it('WAL-3: a zero amount and a blank purpose are refused', () => {
    wallet.given(funded).when(charge('reg-1', '0'), undefined).thenFails('wallet.invalid_amount')
    const blank = wallet.given(funded).when({ ...charge('reg-1', '1'), purpose: ' ' }, undefined)
    expect(blank.thenFails('wallet.invalid_command').details).toEqual({
      event: 'FeeCharged',
      fields: ['purpose'],
    })
  })

  it('WAL-4: a debit the balance cannot cover is declined for good; a redelivery later changes nothing', () => {
    const declined = wallet.given(funded).when(debit('t-1', '40'), undefined).events()
    expect(declined).toEqual([
      {
        type: 'TransferDebitDeclined',
        walletId: W,
        transferId: 't-1',
        amount: money('40'),
        reason: 'wallet.insufficient_funds',
        at: T0,
      },
    ])
    const richer = [...funded, ...declined, topUp('PAY-0002', '100', '130.00')]
    wallet.given(richer).when(debit('t-1', '40'), undefined).then([])
  })

  it('WAL-5: a debit records where the money goes and the balance after it', () => {
    const [event] = wallet.given(funded).when(debit('t-1', '10'), undefined).events()
    expect(event).toMatchObject({
      type: 'TransferDebited',
      fromCabinetNumber: cabinet(1),
      balance: money('20.00'),
    })
  })

  it('WAL-5: a credit to a wallet that is not open is declined (so the sender is refunded)', () => {
    const command = {
      type: 'CreditFromTransfer',
      walletId: 'w-ghost',
      transferId: 't-1',
      amount: money('10'),
      fromWalletId: W,
      fromCabinetNumber: cabinet(1),
      at: T0,
    } as const
    const [event] = wallet.given([]).when(command, undefined).events()
    expect(event).toMatchObject({
      type: 'TransferCreditDeclined',
      fromWalletId: W,
      reason: 'wallet.not_open',
    })
    wallet
      .given([opened('w-ghost', 9), event as WalletEvent])
      .when(command, undefined)
      .then([])
  })

  it('WAL-5: only money debited for the transfer can be refunded, once', () => {
    const refund = {
      type: 'RefundTransfer',
      walletId: W,
      transferId: 't-1',
      amount: money('10'),
      at: T0,
    } as const
    wallet.given(funded).when(refund, undefined).thenFails('wallet.nothing_to_refund')
    const debited = [...funded, ...wallet.given(funded).when(debit('t-1', '10'), undefined).events()]
    wallet
      .given(debited)
      .when({ ...refund, amount: money('11') }, undefined)
      .thenFails('wallet.nothing_to_refund')
    const refunded = wallet.given(debited).when(refund, undefined).events()
    expect(refunded).toEqual([{ ...refund, type: 'TransferRefunded', balance: money('30.00') }])
    wallet
      .given([...debited, ...refunded])
      .when(refund, undefined)
      .then([])
  })
})
