import * as fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { expect } from 'vitest'
import { checkMoneyInvariants, type DomainError, Money, type RequestTransfer } from '../../src/index.js'
import { cabinet, code, doc, opened, T0 } from '../wallet/fixtures.js'
import { createWorld } from './harness.js'

/*
 * WAL-5, WAL-6, PAY-4 by simulation (TigerBeetle's attitude: check the
 * invariants under random interleavings, not by hope). Users act in random
 * order while the commands the processes ask for are delivered in random
 * order, duplicated, interleaved with user commands; then everything settles.
 */

const MAX_WALLETS = 4
const walletIndex = fc.nat(MAX_WALLETS - 1)
const action = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('credit' as const),
      payment: fc.nat(5),
      wallet: walletIndex,
      listed: fc.boolean(),
      retry: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('fee' as const), wallet: walletIndex, charge: fc.nat(3) }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('transfer' as const),
      id: fc.nat(7),
      from: walletIndex,
      // -1: no cabinet has the number; ≥ wallets: a cabinet whose wallet was never opened
      to: fc.integer({ min: -1, max: MAX_WALLETS }),
      qepik: fc.integer({ min: 0, max: 6000 }),
      passwordVerified: fc.nat(9).map((n) => n > 0),
      precheck: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('ring' as const),
      id: fc.nat(2),
      qepik: fc.integer({ min: 1, max: 3000 }),
    }),
  },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('deliver' as const), count: fc.nat(5) }) },
)
type Action = typeof action extends fc.Arbitrary<infer A> ? A : never

export const scenario = fc.record({
  wallets: fc.integer({ min: 2, max: MAX_WALLETS }),
  payments: fc.array(
    fc.record({ qepik: fc.integer({ min: 1, max: 20_000 }), owner: walletIndex, upFront: fc.boolean() }),
    { minLength: 1, maxLength: 6 },
  ),
  actions: fc.array(action, { maxLength: 40 }),
  seed: fc.integer(),
  duplicatePercent: fc.integer({ min: 0, max: 40 }),
})
export type Scenario = typeof scenario extends fc.Arbitrary<infer A> ? A : never

/** mulberry32: a seeded generator for delivery order, so a failing run replays exactly. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let x = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296
}

export const walletId = (i: number) => `w-${i}`
const paymentCode = (i: number) => code(`PAY-SIM-${i}`)
const ownerDocument = (i: number) => doc(String(1_000_000 + i))
const feeOf = (charge: number) => Money.fromQepik(BigInt(150 + charge * 275))

export const simulate = (s: Scenario) => {
  const w = createWorld()
  const next = random(s.seed)
  const refusedSteps: DomainError[] = []
  const model = { credited: Money.zero, fees: Money.zero, transfers: new Set<string>() }

  for (let i = 0; i < s.wallets; i++) {
    const { type: _, ...open } = opened(walletId(i), i + 1)
    w.wallets.handle(walletId(i), { ...open, type: 'OpenWallet' }, undefined)
  }
  s.payments.forEach((p, i) => {
    const receive = {
      type: 'ReceivePayment',
      paymentCode: paymentCode(i),
      amount: Money.fromQepik(BigInt(p.qepik)),
      documentNumber: ownerDocument(p.owner % s.wallets),
      paidAt: T0,
      providerReference: `ref-${i}`,
    } as const
    w.payments.handle(paymentCode(i), receive, undefined)
    expect(w.payments.handle(paymentCode(i), receive, undefined)).toEqual(E.right([])) // PAY-1 redelivery
  })

  /** Delivers `count` pending process commands picked at random; some stay queued to be delivered again. */
  const deliverSome = (count: number, duplicatePercent: number) => {
    for (let k = 0; k < count && w.pending.length > 0; k++) {
      const index = Math.floor(next() * w.pending.length)
      const routed = w.pending[index]
      if (routed === undefined) break
      if (next() * 100 >= duplicatePercent) w.pending.splice(index, 1)
      const outcome = w.deliver(routed)
      if (E.isLeft(outcome)) refusedSteps.push(outcome.left)
    }
  }

  const requestTransfer = (
    transferId: string,
    from: number,
    to: number,
    amount: Money,
    passwordVerified: boolean,
    precheck: boolean,
  ) => {
    const toWalletId = to === -1 ? undefined : to >= s.wallets ? 'w-ghost' : walletId(to)
    const command: RequestTransfer = {
      type: 'RequestTransfer',
      transferId,
      fromWalletId: walletId(from),
      fromCabinetNumber: cabinet(from + 1),
      toCabinetNumber: cabinet(to === -1 ? 91 : to >= s.wallets ? 90 : to + 1),
      toWalletId,
      amount,
      passwordVerified,
      requestedAt: T0,
    }
    const context = precheck ? { senderBalance: w.wallets.state(walletId(from)).balance } : {}
    if (E.isRight(w.transfers.handle(transferId, command, context))) model.transfers.add(transferId)
  }

  const act = (a: Action, step: number) => {
    switch (a.kind) {
      case 'credit': {
        const p = a.payment % s.payments.length
        const common = {
          type: 'CreditPayment',
          paymentCode: paymentCode(p),
          walletId: walletId(a.wallet % s.wallets),
          requestId: a.retry ? `r-${a.wallet}-${p}` : `r-${step}`,
          creditedAt: T0,
        } as const
        const command = a.listed
          ? {
              ...common,
              method: 'listed' as const,
              ownerDocumentNumbers: [ownerDocument(a.wallet % s.wallets)],
            }
          : { ...common, method: 'code' as const }
        const outcome = w.payments.handle(paymentCode(p), command, undefined)
        for (const event of E.isRight(outcome) ? outcome.right : [])
          model.credited = Money.add(model.credited, event.amount)
        return
      }
      case 'fee': {
        const command = {
          type: 'ChargeFee',
          walletId: walletId(a.wallet % s.wallets),
          chargeId: `fee-${a.wallet}-${a.charge}`,
          service: 'exam',
          purpose: 'Registration',
          amount: feeOf(a.charge),
          at: T0,
        } as const
        const outcome = w.wallets.handle(command.walletId, command, undefined)
        // A decline is recorded too (FeeChargeDeclined) but takes no money.
        if (E.isRight(outcome) && outcome.right.some((event) => event.type === 'FeeCharged'))
          model.fees = Money.add(model.fees, command.amount)
        return
      }
      case 'transfer':
        return requestTransfer(
          `t-${a.id}`,
          a.from % s.wallets,
          a.to,
          Money.fromQepik(BigInt(a.qepik)),
          a.passwordVerified,
          a.precheck,
        )
      case 'ring':
        for (let i = 0; i < s.wallets; i++)
          requestTransfer(
            `ring-${a.id}-${i}`,
            i,
            (i + 1) % s.wallets,
            Money.fromQepik(BigInt(a.qepik)),
            true,
            false,
          )
        return
      case 'deliver':
        return deliverSome(a.count, s.duplicatePercent)
    }
  }

  // some owners top up before anything else happens, so transfers and fees have money to move
  s.payments.forEach((p, i) => {
    if (p.upFront)
      act({ kind: 'credit', payment: i, wallet: p.owner % s.wallets, listed: true, retry: true }, -1)
  })
  w.settle()

  s.actions.forEach((a, step) => {
    act(a, step)
    // WAL-6 holds at every moment, with money in flight counted
    expect(checkMoneyInvariants(w.log)).toEqual([])
  })
  for (let round = 0; round < 2_000 && w.pending.length > 0; round++) deliverSome(1, s.duplicatePercent)
  refusedSteps.push(...w.settle(() => Math.floor(next() * w.pending.length)))
  return { w, model, refusedSteps }
}
