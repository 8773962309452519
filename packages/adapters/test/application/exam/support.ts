import type { GroupCode, SessionEvent } from '@imtahan/domain'
import { buildForm, correctAnswer, wrongAnswer } from '../../../../domain/test/exam/form-fixtures.js'
import { CreditInput } from '../../../src/application/account/inputs.js'
import type { Call } from '../../../src/application/shared/caller.js'
import type { ImtahanDeps } from '../../../src/application/shared/deps.js'
import { SESSION } from '../../../src/application/shared/streams.js'
import { decodeRecorded } from '../../../src/command/codec.js'
import type { TestClock } from '../../../src/ports/clock.js'
import { createMemoryEventStore } from '../../../src/store/memory.js'
import type { EventStore } from '../../../src/store/port.js'
import { asCabinet, devPerson, makeApp, ok, pay, register, type TestApp, typed } from '../facade/support.js'

export { buildForm, correctAnswer, wrongAnswer }

export const board: Call = { caller: { kind: 'board' } }
export const staff: Call = { caller: { kind: 'staff' } }

/** A sitting on 10 June 2026 at 10:00 Baku (06:00 UTC); the test clock starts on 20 May. */
export const S = new Date('2026-06-10T06:00:00Z')
export const minutesFromStart = (minutes: number) => new Date(S.getTime() + minutes * 60_000)

export const sittingInput = (examId: string, fee = '15.00', groups: readonly GroupCode[] = ['AA', 'BB']) => ({
  examId,
  title: 'Civil service test, June 2026',
  startsAt: S.toISOString(),
  venue: { name: 'DİM test centre 1', address: 'Baku, Istiqlaliyyat 7' },
  halls: [
    { hallId: 'hall-1', name: 'Hall 1', seats: 2 },
    { hallId: 'hall-2', name: 'Hall 2', seats: 2 },
  ],
  forms: groups.map((group) => buildForm(group, group.toLowerCase())),
  fee,
  timing: {},
  by: 'board-member-1',
})

export const makeExamApp = (store: EventStore = createMemoryEventStore(), extra: Partial<ImtahanDeps> = {}) =>
  makeApp(store, extra)

/** A completed cabinet with `funds` credited to its account. */
export const candidate = async (t: TestApp, n: number, funds: string) => {
  const person = devPerson(n)
  const { cabinetId } = await register(t, person)
  if (funds !== '0.00') {
    const code = await pay(t.app, person.document.number, funds)
    ok(
      await t.app.accounts.creditPayment(
        cabinetId,
        typed(CreditInput, { paymentCode: code, method: 'listed' }),
        asCabinet(cabinetId),
      ),
    )
  }
  return { cabinetId, person, me: asCabinet(cabinetId) }
}

export const VALID_DOCUMENT = {
  kind: 'id_card',
  original: true,
  holderMatches: true,
  validUntil: '2030-01-01',
}

/** EXM-11…13: admitted at the entrance 40 minutes before `S`, seated 25 minutes before. */
export const seatCandidate = async (
  t: TestApp & { clock: TestClock },
  examId: string,
  sessionId: string,
  slip: { slipNumber: string; hallId: string; seat: number },
) => {
  t.clock.set(minutesFromStart(-40))
  ok(
    await t.app.exams.staff.admit(
      examId,
      sessionId,
      { document: VALID_DOCUMENT, slip: { slipNumber: slip.slipNumber, examId }, by: 'staff-1' },
      staff,
    ),
  )
  t.clock.set(minutesFromStart(-25))
  ok(
    await t.app.exams.staff.registerInHall(
      examId,
      sessionId,
      { hallId: slip.hallId, seat: slip.seat, by: 'staff-2' },
      staff,
    ),
  )
}

/** Every session event of one session, decoded. */
export const sessionEvents = async (store: EventStore, sessionId: string): Promise<SessionEvent[]> =>
  (await store.readStream(SESSION.streamOf(sessionId))).map((recorded) =>
    decodeRecorded(SESSION.codec, recorded),
  )
