import { type BusinessCalendar, buildCalendar } from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import type { Call } from '../../../src/application/shared/caller.js'
import type { ImtahanDeps } from '../../../src/application/shared/deps.js'
import { createMemoryEventStore } from '../../../src/store/memory.js'
import type { EventStore } from '../../../src/store/port.js'
import {
  board,
  buildForm,
  candidate,
  correctAnswer,
  makeExamApp,
  minutesFromStart,
  seatCandidate,
  sittingInput,
  wrongAnswer,
} from '../exam/support.js'
import { ok } from '../facade/support.js'

export const EXAM_ID = 'cs-2026-06'
export const commission: Call = { caller: { kind: 'commission' } }
export const AA = buildForm('AA', 'aa')
const closed = AA.form.tasks.filter((task) => task.type === 'closed')
/** The candidate's 32nd closed task, answered wrongly: accepting it lifts 111 to 112 (AA2 pass mark). */
export const DISPUTED = closed[31]!.id
/** Another wrong closed task, for a second appeal. */
export const OTHER = closed[32]!.id
/** Wednesday 10 June 2026, 13:30 Baku. */
export const PUBLISHED_AT = minutesFromStart(3 * 60 + 30)
/** Shipped calendar: 11, 12 June, (15 June is a holiday), 16 June → 24:00 Baku. */
export const DEADLINE = new Date('2026-06-16T20:00:00Z')

/** A calendar with no holidays at all for the given years: only weekends are rest days. */
export const weekendsOnly = (...years: number[]): BusinessCalendar => {
  const built = buildCalendar(
    years.map((year) => ({ year, nonWorkingDays: [], declaredWorkingDays: [], notes: undefined })),
  )
  if (E.isLeft(built)) throw new Error(built.left.message)
  return built.right
}

/**
 * One AA2 candidate through a sitting to published results at the facade:
 * every open task right (80) and 31 closed right = 111, one point short of
 * the pass mark; the other closed tasks answered wrongly.
 */
export const publishedResult = async (
  store: EventStore = createMemoryEventStore(),
  extra: Partial<ImtahanDeps> = {},
  n = 701,
) => {
  const t = makeExamApp(store, extra)
  ok(await t.app.exams.board.defineSitting(sittingInput(EXAM_ID), board))
  const who = await candidate(t, n, '15.00')
  const registered = ok(
    await t.app.exams.candidate.register(who.cabinetId, EXAM_ID, { subgroup: 'AA2' }, who.me),
  )
  const sessionId = registered.sessionId
  await seatCandidate(t, EXAM_ID, sessionId, registered.slip!)
  t.clock.set(minutesFromStart(5))
  let right = 0
  for (const task of AA.form.tasks) {
    const key = AA.key[task.id]!
    const answer = task.type === 'open' || right++ < 31 ? correctAnswer(key) : wrongAnswer(key)
    ok(await t.app.exams.candidate.answer(who.cabinetId, EXAM_ID, task.id, { answer }, who.me))
  }
  t.clock.set(minutesFromStart(50))
  ok(await t.app.exams.candidate.finish(who.cabinetId, EXAM_ID, who.me))
  t.clock.set(PUBLISHED_AT)
  ok(await t.app.exams.board.publish(EXAM_ID, { by: 'board-1' }, board))
  return { ...t, ...who, sessionId }
}
