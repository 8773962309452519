import { seatBook } from '@imtahan/domain'
import { describe, expect, it } from 'vitest'
import { CreditInput, FeeInput } from '../../../src/application/account/inputs.js'
import { createCachedStreams } from '../../../src/application/shared/cached-streams.js'
import { EXAM } from '../../../src/application/shared/streams.js'
import { createMemoryEventStore } from '../../../src/store/memory.js'
import type { EventStore, NewEvent } from '../../../src/store/port.js'
import { wrapStore } from '../../../src/store/wrap-store.js'
import { balanceOf, ok, pay, refusal, typed } from '../facade/support.js'
import { board, candidate, makeExamApp, sessionEvents, sittingInput } from './support.js'

const EXAM_ID = 'cs-2026-06'

/** A store that dies once before appending an event of `eventType` (a crash between two steps). */
const crashingBefore = (inner: EventStore, eventType: string) => {
  let armed = true
  return wrapStore(inner, {
    appendToStream: async (streamId, events: readonly NewEvent[], expected, context) => {
      if (armed && events.some((event) => event.type === eventType)) {
        armed = false
        throw new Error(`simulated crash before ${eventType}`)
      }
      return inner.appendToStream(streamId, events, expected, context)
    },
  })
}

const feeEvents = async (store: EventStore) =>
  (await store.readAll()).filter((event) => event.type === 'FeeCharged' || event.type === 'FeeChargeDeclined')

const loadExam = (store: EventStore) => createCachedStreams(store, EXAM).load(EXAM_ID)

describe('exam registration (EXM-10)', () => {
  it('EXM-10: with enough money the fee is charged once and the slip names sitting, hall, seat and time', async () => {
    const t = makeExamApp()
    ok(await t.app.exams.board.defineSitting(sittingInput(EXAM_ID), board))
    const { cabinetId, me } = await candidate(t, 701, '20.00')
    const answer = ok(await t.app.exams.candidate.register(cabinetId, EXAM_ID, { subgroup: 'AA2' }, me))
    expect(answer.status).toBe('registered')
    expect(answer.slip).toMatchObject({
      slipNumber: `${EXAM_ID}-00001`,
      examId: EXAM_ID,
      hallId: 'hall-1',
      seat: 1,
      subgroup: 'AA2',
      startsAt: new Date('2026-06-10T06:00:00Z'),
      arriveBy: new Date('2026-06-10T05:30:00Z'),
    })
    expect(await balanceOf(t.app, cabinetId)).toBe('5.00')
    expect(ok(await t.app.exams.candidate.slip(cabinetId, EXAM_ID, me)).slipNumber).toBe(`${EXAM_ID}-00001`)
    await t.app.settle()
    expect((await feeEvents(t.store)).map((event) => event.type)).toEqual(['FeeCharged'])
    expect(refusal(await t.app.exams.candidate.register(cabinetId, EXAM_ID, { subgroup: 'AA2' }, me))).toBe(
      'session.already_registered',
    )
  })

  it('EXM-10: not enough money → not registered, nothing charged, no seat taken', async () => {
    const t = makeExamApp()
    ok(await t.app.exams.board.defineSitting(sittingInput(EXAM_ID), board))
    const { cabinetId, me } = await candidate(t, 702, '10.00')
    const before = (await t.store.readAll()).length
    expect(refusal(await t.app.exams.candidate.register(cabinetId, EXAM_ID, { subgroup: 'BB1' }, me))).toBe(
      'session.insufficient_funds',
    )
    expect((await t.store.readAll()).length).toBe(before)
    expect(await balanceOf(t.app, cabinetId)).toBe('10.00')
  })

  it('EXM-10/WAL-3: when the wallet declines the fee the registration is refused, the seat released, nothing charged — and a retry after a top-up works', async () => {
    const inner = createMemoryEventStore()
    const setup = makeExamApp(inner)
    ok(await setup.app.exams.board.defineSitting(sittingInput(EXAM_ID), board))
    const { cabinetId, me, person } = await candidate(setup, 703, '20.00')
    // The fee step crashes; meanwhile the money is spent elsewhere.
    const crashed = makeExamApp(crashingBefore(inner, 'FeeCharged'))
    expect(
      ok(await crashed.app.exams.candidate.register(cabinetId, EXAM_ID, { subgroup: 'BB1' }, me)).status,
    ).toBe('pending')
    const spend = typed(FeeInput, {
      chargeId: 'other-service',
      service: 'other',
      purpose: 'Another service',
      amount: '10.00',
    })
    ok(await setup.app.accounts.chargeFee(cabinetId, spend, me))
    const restarted = makeExamApp(inner)
    await restarted.app.settle()
    const events = await sessionEvents(inner, `${EXAM_ID}.${cabinetId}`)
    expect(events.map((event) => event.type)).toEqual([
      'RegistrationRequested',
      'SeatAssigned',
      'RegistrationRefused',
    ])
    expect(events[2]).toMatchObject({ reason: 'wallet.insufficient_funds', seatHeld: true })
    expect((await feeEvents(inner)).map((event) => event.type)).toEqual(['FeeCharged', 'FeeChargeDeclined'])
    expect(await balanceOf(restarted.app, cabinetId)).toBe('10.00')
    expect(seatBook((await loadExam(inner)).state).heldBySession.size).toBe(0)
    // The declined charge id is answered for good: settling again changes nothing.
    const count = (await inner.readAll()).length
    await makeExamApp(inner).app.settle()
    expect((await inner.readAll()).length).toBe(count)
    // A top-up and a new attempt (its own registration and charge id) registers.
    const code = await pay(restarted.app, person.document.number, '10.00')
    ok(
      await restarted.app.accounts.creditPayment(
        cabinetId,
        typed(CreditInput, { paymentCode: code, method: 'listed' }),
        me,
      ),
    )
    const again = ok(
      await restarted.app.exams.candidate.register(cabinetId, EXAM_ID, { subgroup: 'BB1' }, me),
    )
    expect(again.status).toBe('registered')
    expect(again.slip?.slipNumber).toBe(`${EXAM_ID}-00002`)
    expect(await balanceOf(restarted.app, cabinetId)).toBe('5.00')
  })

  it('EXM-10: a crash between seat and fee is completed by settle() after a restart, exactly once', async () => {
    const inner = createMemoryEventStore()
    const setup = makeExamApp(inner)
    ok(await setup.app.exams.board.defineSitting(sittingInput(EXAM_ID), board))
    const { cabinetId, me } = await candidate(setup, 704, '20.00')
    const crashed = makeExamApp(crashingBefore(inner, 'FeeCharged'))
    expect(
      ok(await crashed.app.exams.candidate.register(cabinetId, EXAM_ID, { subgroup: 'AA1' }, me)).status,
    ).toBe('pending')
    for (let restart = 0; restart < 2; restart++) await makeExamApp(inner).app.settle()
    const after = makeExamApp(inner)
    expect(ok(await after.app.exams.candidate.slip(cabinetId, EXAM_ID, me)).seat).toBe(1)
    expect((await feeEvents(inner)).map((event) => event.type)).toEqual(['FeeCharged'])
    expect(await balanceOf(after.app, cabinetId)).toBe('5.00')
    const types = (await sessionEvents(inner, `${EXAM_ID}.${cabinetId}`)).map((event) => event.type)
    expect(types).toEqual(['RegistrationRequested', 'SeatAssigned', 'RegistrationConfirmed'])
  })
})
