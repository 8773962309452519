import { auditMoney, checkMoneyInvariants, Money } from '@imtahan/domain'
import { Decimal } from 'decimal.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CreditInput, TransferInput } from '../../../src/application/account/inputs.js'
import type { EventStore } from '../../../src/store/port.js'
import {
  anonymous,
  asCabinet,
  balanceOf,
  devPerson,
  makeApp,
  moneyEvents,
  ok,
  pay,
  register,
  registration,
  type TestApp,
  typed,
} from './support.js'

export type ConcurrencyScale = {
  readonly racers: number
  readonly completions: number
  readonly transfersEach: number
}

/**
 * The cross-stream rules under real concurrency, the same for every store:
 * CAB-3, CAB-7, PAY-4 and WAL-5/WAL-6. Each test uses its own people (DEV
 * numbers by test), so they share one store without interfering.
 */
export const concurrencySuite = (
  label: string,
  openStore: () => Promise<EventStore>,
  scale: ConcurrencyScale,
  cleanUp: () => Promise<void> = async () => {},
) =>
  describe(`cross-stream rules under concurrency: ${label}`, () => {
    let store: EventStore
    let t: TestApp
    beforeAll(async () => {
      store = await openStore()
      t = makeApp(store)
    })
    afterAll(async () => {
      await t.app.stop()
      await store.close()
      await cleanUp()
    })

    it('CAB-3: racing registrations for one FIN produce exactly one cabinet', async () => {
      const person = devPerson(101)
      const results = await Promise.all(
        Array.from({ length: scale.racers }, () =>
          t.app.cabinets.startRegistration(
            typed(registration, { document: person.document, fin: person.fin }),
            anonymous,
          ),
        ),
      )
      const winners = results.filter((result) => result._tag === 'Right')
      expect(winners).toHaveLength(1)
      for (const result of results)
        if (result._tag === 'Left') expect(result.left.code).toBe('cabinet.registration_in_progress')
      const started = (await store.readAll()).filter(
        (event) => event.type === 'RegistrationStarted' && event.data.fin === person.fin,
      )
      expect(started).toHaveLength(1)
    })

    it('CAB-7: concurrent completions get distinct cabinet numbers, each with an open account', async () => {
      const people = Array.from({ length: scale.completions }, (_, i) => devPerson(200 + i))
      const done = await Promise.all(people.map((person) => register(t, person)))
      expect(new Set(done.map((cabinet) => cabinet.cabinetNumber)).size).toBe(people.length)
      for (const cabinet of done) expect(await balanceOf(t.app, cabinet.cabinetId)).toBe('0.00')
    })

    it('PAY-4: of racing credits of one payment code from two cabinets exactly one succeeds', async () => {
      const [first, second] = await Promise.all([register(t, devPerson(301)), register(t, devPerson(302))])
      if (first === undefined || second === undefined) throw new Error('registration failed')
      const code = await pay(t.app, devPerson(301).document.number, '40.00')
      const attempts = [first, second, first, second].map((cabinet) =>
        t.app.accounts.creditPayment(
          cabinet.cabinetId,
          typed(CreditInput, { paymentCode: code, method: 'code' }),
          asCabinet(cabinet.cabinetId),
        ),
      )
      const results = await Promise.all(attempts)
      expect(results.filter((result) => result._tag === 'Right')).toHaveLength(1)
      for (const result of results)
        if (result._tag === 'Left') expect(result.left.code).toBe('payment.already_credited')
      const balances = [await balanceOf(t.app, first.cabinetId), await balanceOf(t.app, second.cabinetId)]
      expect(balances.sort()).toEqual(['0.00', '40.00'])
    })

    it('WAL-5/WAL-6: parallel transfers around a ring conserve money and leave no balance negative', async () => {
      const people = [401, 402, 403, 404].map(devPerson)
      const ring = await Promise.all(people.map((person) => register(t, person)))
      for (const [i, cabinet] of ring.entries()) {
        const code = await pay(t.app, people[i]?.document.number ?? '', '100.00')
        ok(
          await t.app.accounts.creditPayment(
            cabinet.cabinetId,
            typed(CreditInput, { paymentCode: code, method: 'listed' }),
            asCabinet(cabinet.cabinetId),
          ),
        )
      }
      // Each account tries to send more than it holds, so some debits must be refused by the wallet.
      // 400.01 is more than the whole ring holds, so it is refused whatever the interleaving; the
      // first of an account's other sends to be decided finds at least its own 100.00, so it succeeds.
      const amounts = [...['45.00', '35.50', '30.25', '12.75'].slice(0, scale.transfersEach), '400.01']
      const sends = ring.flatMap((from, i) =>
        amounts.map((amount) => {
          const to = ring[(i + 1) % ring.length]?.cabinetNumber ?? ''
          const password = people[i]?.password ?? ''
          return t.app.accounts.transfer(
            from.cabinetId,
            typed(TransferInput, { toCabinetNumber: to, amount, password }),
            asCabinet(from.cabinetId),
          )
        }),
      )
      const answers = await Promise.all(sends)
      for (const answer of answers)
        if (answer._tag === 'Left') expect(answer.left.code).toBe('transfer.insufficient_funds')
      const moved = answers.filter(
        (answer) => answer._tag === 'Right' && ['completed', 'requested'].includes(answer.right.status),
      )
      const refused = answers.length - moved.length
      expect(moved.length, 'transfers that went through').toBeGreaterThanOrEqual(ring.length)
      expect(refused, 'transfers refused').toBeGreaterThanOrEqual(ring.length)
      await t.app.settle()
      const events = await moneyEvents(store)
      expect(checkMoneyInvariants(events)).toEqual([])
      expect(Money.format(auditMoney(events).totals.transfersInFlight)).toBe('0.00')
      const balances = await Promise.all(ring.map((cabinet) => balanceOf(t.app, cabinet.cabinetId)))
      for (const balance of balances) expect(new Decimal(balance).isNegative(), balance).toBe(false)
      const total = balances.reduce((sum, balance) => sum.plus(new Decimal(balance)), new Decimal(0))
      expect(total.equals(new Decimal('400.00')), total.toFixed(2)).toBe(true)
    })

    it('WAL-4: of 50 concurrent transfers from an account that can afford 3, the rest are refused with 422, never answered "failed"', async () => {
      const [sender, recipient] = [devPerson(501), devPerson(502)]
      const [from, to] = await Promise.all([register(t, sender), register(t, recipient)])
      if (from === undefined || to === undefined) throw new Error('registration failed')
      const code = await pay(t.app, sender.document.number, '100.00')
      ok(
        await t.app.accounts.creditPayment(
          from.cabinetId,
          typed(CreditInput, { paymentCode: code, method: 'listed' }),
          asCabinet(from.cabinetId),
        ),
      )
      const answers = await Promise.all(
        Array.from({ length: 50 }, () =>
          t.app.accounts.transfer(
            from.cabinetId,
            typed(TransferInput, {
              toCabinetNumber: to.cabinetNumber,
              amount: '30.00',
              password: sender.password,
            }),
            asCabinet(from.cabinetId),
          ),
        ),
      )
      const statuses = answers.map((answer) =>
        answer._tag === 'Right' ? answer.right.status : answer.left.code,
      )
      expect(statuses.filter((status) => status === 'failed')).toEqual([])
      expect(statuses.filter((status) => status === 'completed' || status === 'requested')).toHaveLength(3)
      expect(statuses.filter((status) => status === 'transfer.insufficient_funds')).toHaveLength(47)
      await t.app.settle()
      expect(await balanceOf(t.app, from.cabinetId)).toBe('10.00')
      expect(checkMoneyInvariants(await moneyEvents(store))).toEqual([])
    }, 120_000)
  })
