import { auditMoney, checkMoneyInvariants, Money } from '@imtahan/domain'
import { describe, expect, it } from 'vitest'
import { CreditInput, TransferInput } from '../../../src/application/account/inputs.js'
import { createMemoryEventStore } from '../../../src/store/memory.js'
import type { EventStore, NewEvent } from '../../../src/store/port.js'
import { wrapStore } from '../../../src/store/wrap-store.js'
import {
  asCabinet,
  balanceOf,
  changesNothing,
  devPerson,
  makeApp,
  moneyEvents,
  ok,
  pay,
  register,
  typed,
} from './support.js'

type Crash = 'before' | 'after'

/**
 * A store that dies once at the first append carrying `eventType`: `before`
 * writing it (the process crashed between two steps) or `after` (it landed
 * but the answer was lost).
 */
const crashingOnce = (inner: EventStore, eventType: string, when: Crash = 'before', times = 1) => {
  let left = times
  const store = wrapStore(inner, {
    appendToStream: async (streamId, events: readonly NewEvent[], expected, context) => {
      if (left === 0 || !events.some((event) => event.type === eventType))
        return inner.appendToStream(streamId, events, expected, context)
      left -= 1
      if (when === 'after') await inner.appendToStream(streamId, events, expected, context)
      throw new Error(`simulated crash ${when} appending ${eventType}`)
    },
  })
  return { store, crashed: () => left < times, crashes: () => times - left }
}

/** Two cabinets on `inner`, the first with `funds` on its account. */
const twoCabinets = async (inner: EventStore, funds: string) => {
  const t = makeApp(inner)
  const [alice, bob] = [devPerson(501), devPerson(502)]
  const a = await register(t, alice)
  const b = await register(t, bob)
  const code = await pay(t.app, alice.document.number, funds)
  ok(
    await t.app.accounts.creditPayment(
      a.cabinetId,
      typed(CreditInput, { paymentCode: code, method: 'listed' }),
      asCabinet(a.cabinetId),
    ),
  )
  return { a, b, alice, app: t.app }
}

const expectMoneyRight = async (store: EventStore) => {
  const events = await moneyEvents(store)
  expect(checkMoneyInvariants(events)).toEqual([])
  return auditMoney(events).totals
}

/** A restart: a new application over the same store, its process runner starting from the beginning. */
const restart = (inner: EventStore) => makeApp(inner).app

/** A transfer of `amount` from a funded cabinet whose settling crashes once before `TransferCredited`. */
const transferThatCrashes = async (funds: string, amount: string) => {
  const inner = createMemoryEventStore()
  const { a, b, alice } = await twoCabinets(inner, funds)
  const crash = crashingOnce(inner, 'TransferCredited')
  const app = makeApp(crash.store).app
  const send = typed(TransferInput, { toCabinetNumber: b.cabinetNumber, amount, password: alice.password })
  const answer = ok(await app.accounts.transfer(a.cabinetId, send, asCabinet(a.cabinetId)))
  expect(crash.crashed()).toBe(true)
  return { inner, app, a, b, answer }
}

describe('crash safety (memory store)', () => {
  it('WAL-5: a crash between debit and credit is finished by settle() after a restart: every qəpik once', async () => {
    const { inner, app, a, b, answer } = await transferThatCrashes('80.00', '30.00')
    expect(answer).toMatchObject({ status: 'requested', balance: '50.00' })
    expect(await balanceOf(app, b.cabinetId)).toBe('0.00')
    expect(Money.format((await expectMoneyRight(inner)).transfersInFlight)).toBe('30.00')

    const restarted = restart(inner)
    await restarted.settle()
    expect([await balanceOf(restarted, a.cabinetId), await balanceOf(restarted, b.cabinetId)]).toEqual([
      '50.00',
      '30.00',
    ])
    expect(Money.format((await expectMoneyRight(inner)).transfersInFlight)).toBe('0.00')
    await changesNothing(inner, () => restarted.settle())
  })

  it('PAY-4: a crash between the payment credited and the top-up is finished by settle(): credited once', async () => {
    const inner = createMemoryEventStore()
    const { a, alice } = await twoCabinets(inner, '10.00')
    const crash = crashingOnce(inner, 'TopUpCredited')
    const app = makeApp(crash.store).app
    const code = await pay(app, alice.document.number, '25.00')
    const statement = ok(
      await app.accounts.creditPayment(
        a.cabinetId,
        typed(CreditInput, { paymentCode: code, method: 'code' }),
        asCabinet(a.cabinetId),
      ),
    )
    expect(crash.crashed()).toBe(true)
    expect(statement.balance.amount.toFixed(2)).toBe('10.00')
    expect(Money.format((await expectMoneyRight(inner)).topUpsInFlight)).toBe('25.00')

    const restarted = restart(inner)
    await restarted.settle()
    await restarted.settle()
    expect(await balanceOf(restarted, a.cabinetId)).toBe('35.00')
    expect(Money.format((await expectMoneyRight(inner)).topUpsInFlight)).toBe('0.00')
  })

  it('PAY-4: a credit retried with the same idempotency key after a lost answer succeeds and credits once', async () => {
    const inner = createMemoryEventStore()
    const { a, alice } = await twoCabinets(inner, '5.00')
    const crash = crashingOnce(inner, 'PaymentCredited', 'after')
    const app = makeApp(crash.store).app
    const code = await pay(app, alice.document.number, '12.00')
    const call = asCabinet(a.cabinetId, 'credit-key-1')
    const credit = () =>
      app.accounts.creditPayment(a.cabinetId, typed(CreditInput, { paymentCode: code, method: 'code' }), call)
    await expect(credit()).rejects.toThrow(/simulated crash/)
    expect(ok(await credit()).balance.amount.toFixed(2)).toBe('17.00')
    expect(ok(await credit()).topUps).toHaveLength(2)
    const otherRequest = await app.accounts.creditPayment(
      a.cabinetId,
      typed(CreditInput, { paymentCode: code, method: 'code' }),
      asCabinet(a.cabinetId),
    )
    expect(otherRequest._tag === 'Left' && otherRequest.left.code).toBe('payment.already_credited')
    await expectMoneyRight(inner)
  })

  it('WAL-5: a transfer retried with the same idempotency key after a lost answer moves money once', async () => {
    const inner = createMemoryEventStore()
    const { a, b, alice } = await twoCabinets(inner, '60.00')
    const crash = crashingOnce(inner, 'TransferRequested', 'after')
    const app = makeApp(crash.store).app
    const send = typed(TransferInput, {
      toCabinetNumber: b.cabinetNumber,
      amount: '20.00',
      password: alice.password,
    })
    const call = asCabinet(a.cabinetId, 'transfer-key-1')
    await expect(app.accounts.transfer(a.cabinetId, send, call)).rejects.toThrow(/simulated crash/)
    const first = ok(await app.accounts.transfer(a.cabinetId, send, call))
    const again = ok(await app.accounts.transfer(a.cabinetId, send, call))
    expect(again).toEqual(first)
    expect(first).toMatchObject({ status: 'completed', balance: '40.00' })
    expect(await balanceOf(app, b.cabinetId)).toBe('20.00')
    const reused = await app.accounts.transfer(
      a.cabinetId,
      typed(TransferInput, { ...TransferInput.encode(send), amount: '5.00' }),
      call,
    )
    expect(reused._tag === 'Left' && reused.left.code).toBe('transfer.id_reused')
    await expectMoneyRight(inner)
  })

  it('CAB-7: a crash before the cabinet is completed is healed by completing again: the same number', async () => {
    const inner = createMemoryEventStore()
    const crash = crashingOnce(inner, 'CabinetCompleted')
    const t = makeApp(crash.store)
    const person = devPerson(601)
    await expect(register(t, person)).rejects.toThrow(/simulated crash/)
    const allocated = (await inner.readAll()).filter((event) => event.type === 'CabinetNumberAllocated')
    expect(allocated).toHaveLength(1)
    const [{ cabinetId }] = allocated.map((event) => ({ cabinetId: String(event.data.cabinetId) })) as [
      { cabinetId: string },
    ]
    const done = ok(
      await t.app.cabinets.completeRegistration(
        cabinetId,
        { password: person.password },
        asCabinet(cabinetId),
      ),
    )
    expect(done.cabinetNumber).toBe(allocated[0]?.data.cabinetNumber)
    expect(await balanceOf(t.app, cabinetId)).toBe('0.00')
    expect((await inner.readAll()).filter((event) => event.type === 'CabinetNumberAllocated')).toHaveLength(1)
    const other = await t.app.cabinets.completeRegistration(
      cabinetId,
      { password: 'Another2026pw' },
      asCabinet(cabinetId),
    )
    expect(other._tag === 'Left' && other.left.code).toBe('cabinet.already_completed')
  })

  it('WAL-1: a crash before the account is opened is healed by settle() (CabinetCompleted → OpenWallet)', async () => {
    const inner = createMemoryEventStore()
    const crash = crashingOnce(inner, 'WalletOpened')
    const t = makeApp(crash.store)
    const done = await register(t, devPerson(602))
    expect(crash.crashed()).toBe(true)
    const before = ok(await t.app.accounts.statement(done.cabinetId, asCabinet(done.cabinetId)))
    expect(before.walletId).toBeUndefined()
    await restart(inner).settle()
    const after = ok(await t.app.accounts.statement(done.cabinetId, asCabinet(done.cabinetId)))
    expect(after).toMatchObject({ walletId: done.cabinetNumber, cabinetNumber: done.cabinetNumber })
  })

  it('the live runner (start) settles work left behind without anyone calling settle()', async () => {
    const { inner, b } = await transferThatCrashes('15.00', '15.00')
    const live = restart(inner)
    await live.start()
    try {
      for (let i = 0; i < 200 && (await balanceOf(live, b.cabinetId)) !== '15.00'; i++)
        await new Promise((resolve) => setTimeout(resolve, 10))
      expect(await balanceOf(live, b.cabinetId)).toBe('15.00')
    } finally {
      await live.stop()
    }
    await expectMoneyRight(inner)
  })

  it('the live runner is restarted after a failed step and then finishes the transfer', async () => {
    const inner = createMemoryEventStore()
    const { a, b, alice } = await twoCabinets(inner, '9.00')
    const crash = crashingOnce(inner, 'TransferCredited', 'before', 2)
    const app = makeApp(crash.store).app
    await app.start()
    try {
      const send = typed(TransferInput, {
        toCabinetNumber: b.cabinetNumber,
        amount: '9.00',
        password: alice.password,
      })
      ok(await app.accounts.transfer(a.cabinetId, send, asCabinet(a.cabinetId)))
      for (let i = 0; i < 300 && (await balanceOf(app, b.cabinetId)) !== '9.00'; i++)
        await new Promise((resolve) => setTimeout(resolve, 10))
      expect(crash.crashes()).toBe(2)
      expect(await balanceOf(app, b.cabinetId)).toBe('9.00')
    } finally {
      await app.stop()
    }
    await expectMoneyRight(inner)
  })
})
