import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { walletDecider } from '../../src/index.js'
import { expectRefused, expectRight, specify } from '../../src/testing/index.js'
import { cabinet, money, opened, T0 } from '../wallet/fixtures.js'

const wallet = specify(walletDecider)
const open = {
  type: 'OpenWallet',
  walletId: 'w-1',
  cabinetId: 'cab-w-1',
  cabinetNumber: cabinet(1),
  openedAt: T0,
} as const
const charge = {
  type: 'ChargeFee',
  walletId: 'w-1',
  chargeId: 'c-1',
  service: 'exam-registration',
  purpose: 'exam',
  amount: money('5.00'),
  at: T0,
} as const

describe('@imtahan/domain/testing: given / when / then for any runner', () => {
  it('thenEvents returns the events when they equal the expected ones by value', () => {
    const events = wallet
      .given([])
      .when(open, undefined)
      .thenEvents([{ ...opened('w-1', 1) }])
    expect(events).toHaveLength(1)
  })

  it('thenEvents throws a plain Error showing both sides when they differ', () => {
    const outcome = wallet.given([]).when(open, undefined)
    expect(() => outcome.thenEvents([])).toThrow(/Expected the events\n\[\]\nbut the command decided\n\[/)
  })

  it('thenRefused returns the refusal with that code, and throws on success or another code', () => {
    expect(wallet.given([]).when(charge, undefined).thenRefused('wallet.not_open').code).toBe(
      'wallet.not_open',
    )
    expect(() => wallet.given([]).when(charge, undefined).thenRefused('wallet.other')).toThrow(
      /Expected the refusal wallet.other, but got wallet.not_open/,
    )
    expect(() => wallet.given([]).when(open, undefined).thenRefused('wallet.not_open')).toThrow(
      /but the command succeeded/,
    )
  })

  it('expectRight and expectRefused unwrap an Either or throw', () => {
    expect(expectRight(E.right(1))).toBe(1)
    expect(() => expectRight(E.left({ code: 'wallet.not_open' as const, message: 'no' }))).toThrow(
      /Expected success/,
    )
    expect(
      expectRefused(E.left({ code: 'wallet.not_open' as const, message: 'no' }), 'wallet.not_open').message,
    ).toBe('no')
  })
})
