import { describe, expect, it } from 'vitest'
import { PauseInput, RecordReviewInput } from '../../../src/application/exam/inputs.js'
import { createMemoryEventStore } from '../../../src/store/memory.js'
import type { EventStore, RecordedEvent } from '../../../src/store/port.js'
import { wrapStore } from '../../../src/store/wrap-store.js'
import { ok, refusal, typed } from '../facade/support.js'
import {
  board,
  buildForm,
  candidate,
  correctAnswer,
  makeExamApp,
  minutesFromStart,
  S,
  seatCandidate,
  sessionEvents,
  sittingInput,
  staff,
  wrongAnswer,
} from './support.js'

const EXAM_ID = 'cs-2026-07'
type T = ReturnType<typeof makeExamApp>

/** Registers and seats `n` BB candidates; returns their ids and sessions. */
const sittingWith = async (t: T, count: number, examId = EXAM_ID) => {
  ok(await t.app.exams.board.defineSitting(sittingInput(examId), board))
  const people = []
  for (let i = 0; i < count; i++) {
    const person = await candidate(t, 720 + i, '20.00')
    const answer = ok(
      await t.app.exams.candidate.register(person.cabinetId, examId, { subgroup: 'BB1' }, person.me),
    )
    people.push({ ...person, sessionId: answer.sessionId, slip: answer.slip! })
  }
  for (const person of people) await seatCandidate(t, examId, person.sessionId, person.slip)
  return people
}

const { form, key } = buildForm('BB', 'bb')
const firstTask = form.tasks[0]!.id

/** The first `wrong` people answer the first task wrongly (the rest leave it blank); everyone finishes. */
const firstWrongThenFinish = async (t: T, people: Awaited<ReturnType<typeof sittingWith>>, wrong: number) => {
  for (const [index, person] of people.entries()) {
    if (index < wrong)
      ok(
        await t.app.exams.candidate.answer(
          person.cabinetId,
          EXAM_ID,
          firstTask,
          { answer: wrongAnswer(key[firstTask]!) },
          person.me,
        ),
      )
    ok(await t.app.exams.candidate.finish(person.cabinetId, EXAM_ID, person.me))
  }
}

describe('the exam day through the facade', () => {
  it('EXM-15/EXM-17: tasks only while the exam runs, without keys; answers; finish after 45 min gives the certificate', async () => {
    const t = makeExamApp()
    const [a] = await sittingWith(t, 1)
    const me = a!.me
    expect(refusal(await t.app.exams.candidate.tasks(a!.cabinetId, EXAM_ID, me))).toBe('session.not_started')
    t.clock.set(minutesFromStart(1))
    const tasks = ok(await t.app.exams.candidate.tasks(a!.cabinetId, EXAM_ID, me))
    expect(tasks.tasks).toHaveLength(100)
    expect(JSON.stringify(tasks)).not.toMatch(/"key"|"accepted"|"option"/)
    for (const task of form.tasks.slice(0, 80))
      ok(
        await t.app.exams.candidate.answer(
          a!.cabinetId,
          EXAM_ID,
          task.id,
          { answer: correctAnswer(key[task.id]!) },
          me,
        ),
      )
    expect(refusal(await t.app.exams.candidate.finish(a!.cabinetId, EXAM_ID, me))).toBe(
      'session.too_early_to_finish',
    )
    t.clock.set(minutesFromStart(50))
    const certificate = ok(await t.app.exams.candidate.finish(a!.cabinetId, EXAM_ID, me))
    expect(certificate).toMatchObject({ passMark: 80, passed: true, annulled: false })
    expect(certificate.score.total.points).toBe(80)
    expect(refusal(await t.app.exams.candidate.tasks(a!.cabinetId, EXAM_ID, me))).toBe('session.ended')
    expect(
      refusal(await t.app.exams.candidate.answer(a!.cabinetId, EXAM_ID, firstTask, { answer: 'A' }, me)),
    ).toBe('session.ended')
  })

  it('EXM-16: a silent session reads ended at its deadline and the scheduler records the end at the deadline', async () => {
    const t = makeExamApp(createMemoryEventStore(), { exam: { deadlineTickMs: 10 } })
    const [a] = await sittingWith(t, 1)
    t.clock.set(minutesFromStart(10))
    ok(await t.app.exams.candidate.answer(a!.cabinetId, EXAM_ID, firstTask, { answer: 'B' }, a!.me))
    t.clock.set(minutesFromStart(181))
    const status = ok(await t.app.exams.candidate.session(a!.cabinetId, EXAM_ID, a!.me))
    expect(status).toMatchObject({ phase: 'ended', endPending: true })
    await t.app.start()
    try {
      for (
        let i = 0;
        i < 100 && !(await sessionEvents(t.store, a!.sessionId)).some((e) => e.type === 'SessionEnded');
        i++
      )
        await new Promise((resolve) => setTimeout(resolve, 10))
    } finally {
      await t.app.stop()
    }
    const ended = (await sessionEvents(t.store, a!.sessionId)).find((event) => event.type === 'SessionEnded')
    expect(ended).toMatchObject({ reason: 'time_up', endedAt: minutesFromStart(180) })
    expect(await t.app.exams.closeDueSessions()).toBe(0)
  })

  it('EXM-19/EXM-20: a pause adds its time back; a warning goes on, a removal ends and annuls at once', async () => {
    const t = makeExamApp()
    const [a, b] = await sittingWith(t, 2)
    t.clock.set(minutesFromStart(30))
    ok(
      await t.app.exams.staff.pause(
        EXAM_ID,
        a!.sessionId,
        { pauseId: 'p1', incident: 'power', note: 'Power cut in hall 1', by: 'staff-3' },
        staff,
      ),
    )
    t.clock.set(minutesFromStart(40))
    const resumed = ok(await t.app.exams.staff.resume(EXAM_ID, a!.sessionId, { by: 'staff-3' }, staff))
    expect(resumed.deadline).toEqual(minutesFromStart(190))
    const warned = ok(
      await t.app.exams.staff.recordViolation(
        EXAM_ID,
        a!.sessionId,
        {
          violationId: 'v1',
          kind: 'talking_or_helping',
          outcome: 'warning',
          note: 'Spoke to a neighbour',
          by: 'staff-3',
        },
        staff,
      ),
    )
    expect(warned.phase).toBe('in_progress')
    const removed = ok(
      await t.app.exams.staff.recordViolation(
        EXAM_ID,
        b!.sessionId,
        {
          violationId: 'v2',
          kind: 'prohibited_item',
          outcome: 'removal',
          note: 'Phone',
          evidenceRef: 'cam-2/10:42',
          by: 'staff-3',
        },
        staff,
      ),
    )
    expect(removed.phase).toBe('ended')
    const certificate = ok(await t.app.exams.candidate.certificate(b!.cabinetId, EXAM_ID, b!.me))
    expect(certificate).toMatchObject({ annulled: true, passed: false })
  })

  it('SPEC §5: a staff key scoped to other sittings, a candidate and the board cannot act as staff', async () => {
    const t = makeExamApp()
    const [a] = await sittingWith(t, 1)
    const scoped = { caller: { kind: 'staff' as const, exams: ['OTHER'] } }
    const pause = typed(PauseInput, { pauseId: 'p9', incident: 'network', note: 'Network', by: 'staff-9' })
    expect(refusal(await t.app.exams.staff.pause(EXAM_ID, a!.sessionId, pause, scoped))).toBe(
      'auth.forbidden',
    )
    expect(refusal(await t.app.exams.staff.pause(EXAM_ID, a!.sessionId, pause, a!.me))).toBe('auth.forbidden')
    expect(refusal(await t.app.exams.staff.pause(EXAM_ID, a!.sessionId, pause, board))).toBe('auth.forbidden')
    expect(refusal(await t.app.exams.board.sittings(staff))).toBe('auth.forbidden')
    expect(refusal(await t.app.exams.staff.pause(EXAM_ID, `OTHER.${a!.cabinetId}`, pause, staff))).toBe(
      'session.not_found',
    )
  })

  it('SCO-5: an expert review re-scores every affected session once, idempotent and resumable after a crash', async () => {
    const inner = createMemoryEventStore()
    const t = makeExamApp(inner)
    const people = await sittingWith(t, 3)
    t.clock.set(minutesFromStart(60))
    // Everyone answers the first task wrongly; the third also leaves it blank (credit_to_all covers both).
    await firstWrongThenFinish(t, people, 2)
    t.clock.set(new Date(S.getTime() + 4 * 3_600_000))
    const review = {
      reviewId: 'rev-1',
      kind: 'credit_to_all' as const,
      taskId: firstTask,
      reason: 'No correct option',
    }
    const dry = ok(await t.app.exams.board.reviewDryRun(EXAM_ID, { review }, board))
    expect(dry.changes).toHaveLength(3)
    // Chunks of one session: the second chunk's append crashes, the review is recorded, the re-score stops half-way.
    let appends = 0
    const crashing = wrapStore(inner, {
      appendToStreams: async (batch, context) => {
        if (
          batch.some(({ events }) => events.some((event) => event.type === 'ScoreRevised')) &&
          ++appends === 2
        )
          throw new Error('crash')
        return inner.appendToStreams(batch, context)
      },
    })
    const crashed = makeExamApp(crashing, { exam: { rescoreChunkSize: 1 } })
    crashed.clock.set(t.clock.now())
    const answer = ok(await crashed.app.exams.board.recordReview(EXAM_ID, { review, by: 'board-2' }, board))
    expect(answer.complete).toBe(false)
    const revisions = async (store: EventStore) =>
      (await store.readAll()).filter((event) => event.type === 'ScoreRevised').length
    // The first chunk landed, the second did not, the third was never sent.
    expect(await revisions(inner)).toBe(1)
    // The answer counts the revisions that did land before the crash.
    expect(answer.revised).toBe(await revisions(inner))
    expect(answer.revised).toBeGreaterThan(0)
    for (let restart = 0; restart < 2; restart++) {
      const again = makeExamApp(inner)
      again.clock.set(t.clock.now())
      await again.app.settle()
    }
    expect(await revisions(inner)).toBe(3)
    for (const person of people) {
      const events = await sessionEvents(inner, person.sessionId)
      const revised = events.filter((event) => event.type === 'ScoreRevised')
      expect(revised).toHaveLength(1)
      expect(revised[0]).toMatchObject({ reviewId: 'rev-1', reason: 'No correct option' })
    }
    // The same review again (a retried request) is answered, not recorded twice.
    const repeat = ok(await t.app.exams.board.recordReview(EXAM_ID, { review, by: 'board-2' }, board))
    expect(repeat).toEqual({ reviewId: 'rev-1', revised: 0, complete: true, refused: [] })
    expect(await revisions(inner)).toBe(3)
  })

  it('SCO-5: a refused re-score is reported per session with complete: false; a re-run revises only what is left', async () => {
    const inner = createMemoryEventStore()
    const t = makeExamApp(inner)
    const people = await sittingWith(t, 3)
    t.clock.set(minutesFromStart(60))
    await firstWrongThenFinish(t, people, people.length)
    t.clock.set(new Date(S.getTime() + 4 * 3_600_000))
    // The second session's stream reads back a recorded score 50 points higher than its answers give
    // (as a result revised by a path the review does not replay would): re-scoring it would lower it.
    // Every read skews it — the log the results view folds too, whose copy of the tail the re-score decides on.
    const inflated = people[1]!.sessionId
    let inflate = true
    const skew = (recorded: RecordedEvent) => {
      if (!inflate || recorded.type !== 'SessionEnded' || !recorded.streamId.endsWith(inflated))
        return recorded
      const data = structuredClone(recorded.data) as { result: { total: { points: number } } }
      data.result.total.points += 50
      return { ...recorded, data }
    }
    const skewed = wrapStore(inner, {
      readStream: async (streamId, options) => (await inner.readStream(streamId, options)).map(skew),
      readAll: async (options) => (await inner.readAll(options)).map(skew),
      readStreams: async (reads) =>
        new Map(
          [...(await inner.readStreams(reads))].map(([streamId, events]) => [streamId, events.map(skew)]),
        ),
    })
    const skewedApp = makeExamApp(skewed)
    skewedApp.clock.set(t.clock.now())
    const reviewInput = typed(RecordReviewInput, {
      review: { reviewId: 'rev-2', kind: 'credit_to_all', taskId: firstTask, reason: 'No correct option' },
      by: 'board-2',
    })
    const answer = ok(await skewedApp.app.exams.board.recordReview(EXAM_ID, reviewInput, board))
    expect(answer).toMatchObject({ reviewId: 'rev-2', revised: 2, complete: false })
    expect(answer.refused).toHaveLength(1)
    expect(answer.refused[0]).toMatchObject({ sessionId: inflated, code: 'session.rescore_would_lower' })
    expect(answer.refused[0]!.message).toContain('lower')
    // Once the cause is gone, running it again revises only the session that was left.
    inflate = false
    const again = makeExamApp(inner)
    again.clock.set(t.clock.now())
    const rerun = ok(await again.app.exams.board.recordReview(EXAM_ID, reviewInput, board))
    expect(rerun).toEqual({ reviewId: 'rev-2', revised: 1, complete: true, refused: [] })
    for (const person of people) {
      const revised = (await sessionEvents(inner, person.sessionId)).filter(
        (event) => event.type === 'ScoreRevised',
      )
      expect(revised).toHaveLength(1)
    }
  })

  it('SCO-5: two re-scores of one review at once (the request and the process runner) — one does the work under the lease, the other finds it done', async () => {
    const inner = createMemoryEventStore()
    let revisionAppends = 0
    const counting = wrapStore(inner, {
      appendToStreams: async (batch, context) => {
        if (batch.some(({ events }) => events.some((event) => event.type === 'ScoreRevised'))) {
          revisionAppends++
          // A slow write: the other run starts meanwhile and, without the lease, would decide the same revisions.
          await new Promise((resolve) => setTimeout(resolve, 300))
        }
        return inner.appendToStreams(batch, context)
      },
    })
    const t = makeExamApp(counting)
    const people = await sittingWith(t, 3)
    t.clock.set(minutesFromStart(60))
    await firstWrongThenFinish(t, people, 3)
    t.clock.set(new Date(S.getTime() + 4 * 3_600_000))
    const review = {
      reviewId: 'rev-3',
      kind: 'credit_to_all' as const,
      taskId: firstTask,
      reason: 'No correct option',
    }
    const answers = await Promise.all(
      ['board-1', 'board-2'].map(async (by) =>
        ok(await t.app.exams.board.recordReview(EXAM_ID, { review, by }, board)),
      ),
    )
    expect(answers.map((answer) => answer.revised).sort()).toEqual([0, 3])
    expect(answers.every((answer) => answer.complete)).toBe(true)
    // One multi-stream append of revisions in all: the second run waited for the lease and had nothing left.
    expect(revisionAppends).toBe(1)
    expect((await inner.readAll()).filter((event) => event.type === 'ScoreRevised')).toHaveLength(3)
  })
})
