import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { auditMoney, Money, statementOf } from '../src/index.js'
import type { World } from './transfer/harness.js'
import { scenario, simulate, walletId } from './transfer/simulation.js'
import { money } from './wallet/fixtures.js'

// The scenario generator and the simulated world are in ./transfer/simulation.ts.

const totalBalance = (w: World, wallets: number) =>
  Money.sum(Array.from({ length: wallets }, (_, i) => w.wallets.state(walletId(i)).balance))

const countBy = (w: World, type: string, key: (event: never) => string) => {
  const counts = new Map<string, number>()
  for (const event of w.log.filter((e) => e.type === type))
    counts.set(key(event as never), (counts.get(key(event as never)) ?? 0) + 1)
  return counts
}

describe('Money simulation (WAL-5, WAL-6, PAY-4)', () => {
  it('WAL-6: no balance is ever negative and money is conserved at every step and once settled', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { w, model, refusedSteps } = simulate(s)
        expect(refusedSteps).toEqual([]) // every process step is accepted or absorbed as a repeat
        const { violations, totals } = auditMoney(w.log)
        expect(violations).toEqual([])
        expect(Money.isZero(totals.transfersInFlight) && Money.isZero(totals.topUpsInFlight)).toBe(true)
        const expected = Money.format(Money.subtract(model.credited, model.fees))
        expect(Money.format(totalBalance(w, s.wallets))).toBe(expected)
        for (let i = 0; i < s.wallets; i++)
          expect(Money.isNegative(w.wallets.state(walletId(i)).balance)).toBe(false)
      }),
      { numRuns: 120 },
    )
  })

  it('PAY-4: every payment code is credited at most once and topped up exactly once when credited', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { w } = simulate(s)
        const credited = countBy(w, 'PaymentCredited', (e: { paymentCode: string }) => e.paymentCode)
        const toppedUp = countBy(w, 'TopUpCredited', (e: { paymentCode: string }) => e.paymentCode)
        for (const count of credited.values()) expect(count).toBe(1)
        expect(toppedUp).toEqual(credited)
      }),
      { numRuns: 80 },
    )
  })

  it('WAL-5: each transfer ends completed, returned or failed, with every qəpik moved exactly once', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { w, model } = simulate(s)
        const net = new Map<string, Money>()
        const shift = (id: string, amount: Money) => net.set(id, Money.add(net.get(id) ?? Money.zero, amount))
        for (const transferId of model.transfers) {
          const state = w.transfers.state(transferId)
          if (state.status === 'none') throw new Error(`transfer ${transferId} was accepted but not recorded`)
          const steps = w.log
            .filter((e) => 'transferId' in e && e.transferId === transferId)
            .map((e) => e.type)
          const count = (type: string) => steps.filter((t) => t === type).length
          const moved = [count('TransferDebited'), count('TransferCredited'), count('TransferRefunded')]
          const expected = { completed: [1, 1, 0], returned: [1, 0, 1], failed: [0, 0, 0] }[
            state.status as string
          ]
          expect(moved).toEqual(expected)
          if (state.status === 'completed') {
            shift(state.request.fromWalletId, Money.subtract(Money.zero, state.request.amount))
            shift(state.request.toWalletId, state.request.amount)
          }
        }
        // model: a balance is its top-ups − its fees ± the completed transfers, as the transfer streams tell
        for (let i = 0; i < s.wallets; i++) {
          const events = w.wallets.events(walletId(i))
          const sum = (type: string) =>
            Money.sum(events.flatMap((e) => (e.type === type && 'amount' in e ? [e.amount] : [])))
          const expected = Money.add(
            Money.subtract(sum('TopUpCredited'), sum('FeeCharged')),
            net.get(walletId(i)) ?? Money.zero,
          )
          expect(Money.format(w.wallets.state(walletId(i)).balance)).toBe(Money.format(expected))
          // the statement agrees with the wallet even when every event is delivered twice
          expect(statementOf(events.flatMap((e) => [e, e])).balance).toEqual(
            w.wallets.state(walletId(i)).balance,
          )
        }
      }),
      { numRuns: 80 },
    )
  })

  it('Money amounts written as text sum exactly (no float): Σ parse = Σ qəpik', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: 10n ** 12n }), { maxLength: 60 }), (amounts) => {
        const texts = amounts.map((q) => `${q / 100n}.${String(q % 100n).padStart(2, '0')}`)
        const total = Money.sum(texts.map(money))
        expect(Money.toQepik(total)).toBe(amounts.reduce((a, b) => a + b, 0n))
      }),
    )
    expect(Money.format(Money.sum(Array.from({ length: 10 }, () => money('0.10'))))).toBe('1.00')
  })
})
