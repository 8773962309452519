import { describe, expect, it } from 'vitest'
import { RecordReviewInput } from '../../../src/application/exam/inputs.js'
import { type SessionDoc, sittingResultsDefinition } from '../../../src/application/exam/results-view.js'
import { SESSION } from '../../../src/application/shared/streams.js'
import { decodeRecorded } from '../../../src/command/codec.js'
import { createMemoryEventStore } from '../../../src/store/memory.js'
import type { RecordedEvent, StreamAppend, StreamRead } from '../../../src/store/port.js'
import { wrapStore } from '../../../src/store/wrap-store.js'
import { ok, typed } from '../facade/support.js'
import {
  board,
  buildForm,
  candidate,
  makeExamApp,
  minutesFromStart,
  S,
  seatCandidate,
  sessionEvents,
  sittingInput,
  wrongAnswer,
} from './support.js'

const EXAM_ID = 'cs-2026-07'
const { form, key } = buildForm('BB', 'bb')
const [first, second] = [form.tasks[0]!.id, form.tasks[1]!.id]
const review = (reviewId: string, taskId: string) =>
  typed(RecordReviewInput, {
    review: { reviewId, kind: 'credit_to_all', taskId, reason: `No correct option in ${taskId}` },
    by: 'board-2',
  })

/** Two BB candidates who answer the first two tasks wrongly and finish; the board credits the first to all. */
const finishedAndReviewed = async () => {
  const store = createMemoryEventStore()
  const t = makeExamApp(store)
  ok(await t.app.exams.board.defineSitting(sittingInput(EXAM_ID), board))
  const people = []
  for (const n of [801, 802]) {
    const person = await candidate(t, n, '20.00')
    const answer = ok(
      await t.app.exams.candidate.register(person.cabinetId, EXAM_ID, { subgroup: 'BB1' }, person.me),
    )
    people.push({ ...person, sessionId: answer.sessionId, slip: answer.slip! })
  }
  for (const person of people) await seatCandidate(t, EXAM_ID, person.sessionId, person.slip)
  t.clock.set(minutesFromStart(60))
  for (const person of people) {
    for (const taskId of [first, second])
      ok(
        await t.app.exams.candidate.answer(
          person.cabinetId,
          EXAM_ID,
          taskId,
          { answer: wrongAnswer(key[taskId]!) },
          person.me,
        ),
      )
    ok(await t.app.exams.candidate.finish(person.cabinetId, EXAM_ID, person.me))
  }
  t.clock.set(new Date(S.getTime() + 4 * 3_600_000))
  ok(await t.app.exams.board.recordReview(EXAM_ID, review('rev-1', first), board))
  return { store, t, people }
}

/** The results view's document of one session, folded from `events` as any view store folds it. */
const sessionDoc = (events: readonly RecordedEvent[], sessionId: string) => {
  let doc: SessionDoc | undefined
  const docKey = `session:${sessionId}`
  for (const event of events)
    if (sittingResultsDefinition.keysOf(event).includes(docKey))
      doc = sittingResultsDefinition.apply(doc, event, docKey) as SessionDoc | undefined
  return doc
}

describe('the results view keeps each finished session’s stream after its end (what a re-score decides on)', () => {
  it('SCO-5: the tail is exactly the session’s own events from SessionEnded on, up to its head', async () => {
    const { store, people } = await finishedAndReviewed()
    const sessionId = people[0]!.sessionId
    const stream = await store.readStream(SESSION.streamOf(sessionId))
    const end = stream.findIndex((event) => event.type === 'SessionEnded')
    const doc = sessionDoc(await store.readAll(), sessionId)
    expect(doc?.endRevision).toBe(stream[end]!.revision)
    expect(doc?.tail?.head).toBe(stream.at(-1)!.revision)
    expect(doc?.tail?.headHash).toBe(stream.at(-1)!.metadata.hash)
    expect(doc?.tail?.events).toEqual(stream.slice(end).map((event) => decodeRecorded(SESSION.codec, event)))
    expect(doc?.tail?.events.map((event) => event.type)).toEqual(['SessionEnded', 'ScoreRevised'])
  })

  it('SCO-5: a session-stream event the view does not fold leaves a gap, and a tail with a gap is dropped', async () => {
    const { store, people } = await finishedAndReviewed()
    const sessionId = people[0]!.sessionId
    // As if an event of a type the view skips (a court challenge, say) lay between the end and the revision.
    const shifted = (await store.readAll()).map((event) =>
      event.type === 'ScoreRevised' && event.streamId === SESSION.streamOf(sessionId)
        ? { ...event, revision: event.revision + 1n }
        : event,
    )
    const doc = sessionDoc(shifted, sessionId)
    expect(doc?.tail).toBeUndefined()
    expect(doc?.row.final?.reviewIds).toEqual(['rev-1'])
    expect(doc?.endRevision).toBeDefined()
  })

  it('stores the answers once, and the result once until a revision changes it; reading gives the same document', async () => {
    const { store, people } = await finishedAndReviewed()
    const codec = sittingResultsDefinition.codec!
    const events = await store.readAll()
    const unrevised = events.filter((event) => event.type !== 'ScoreRevised')
    const occurrences = (text: string, part: string) => text.split(part).length - 1
    for (const [history, results] of [
      // Revised: the row's new result, the end's own, and the revision's in the tail.
      [unrevised, 1],
      [events, 3],
    ] as const) {
      const doc = sessionDoc(history, people[0]!.sessionId)!
      const stored = JSON.stringify(codec.encode(doc))
      expect(occurrences(stored, `"${second}":`)).toBe(1)
      expect(occurrences(stored, '"passMark":')).toBe(results)
      // Twice through storage: a document read, touched by nothing, and written again stays the same.
      const read = codec.decode(JSON.parse(stored))
      expect(read).toEqual(doc)
      expect(codec.decode(JSON.parse(JSON.stringify(codec.encode(read))))).toEqual(doc)
    }
  })

  it('SCO-5: the re-score hands the store each session’s head hash from the view (no head look-up needed)', async () => {
    const { store, t, people } = await finishedAndReviewed()
    const appends: StreamAppend[] = []
    const watched = wrapStore(store, {
      appendToStreams: async (batch, context) => {
        appends.push(...batch)
        return store.appendToStreams(batch, context)
      },
    })
    const app = makeExamApp(watched)
    app.clock.set(t.clock.now())
    ok(await app.app.exams.board.recordReview(EXAM_ID, review('rev-2', second), board))
    expect(appends.map(({ streamId }) => streamId).sort()).toEqual(
      people.map(({ sessionId }) => SESSION.streamOf(sessionId)).sort(),
    )
    for (const append of appends) {
      const head = (await store.readStream(append.streamId)).find(
        ({ revision }) => revision === append.expected,
      )
      expect(append.expectedHash).toBe(head!.metadata.hash)
    }
  })

  it('SCO-5: a stale tail costs a read of that one stream, never a wrong revision', async () => {
    const { store, t, people } = await finishedAndReviewed()
    const stale = SESSION.streamOf(people[0]!.sessionId)
    // The view never sees rev-1's revision of the first session: its tail stops at SessionEnded.
    const hidden = (event: RecordedEvent) => event.type === 'ScoreRevised' && event.streamId === stale
    const reads: StreamRead[] = []
    const viewBehind = wrapStore(store, {
      readAll: async (options) => (await store.readAll(options)).filter((event) => !hidden(event)),
      readStreams: async (streams) => {
        reads.push(...streams)
        return store.readStreams(streams)
      },
    })
    const behind = makeExamApp(viewBehind)
    behind.clock.set(t.clock.now())
    const answer = ok(await behind.app.exams.board.recordReview(EXAM_ID, review('rev-2', second), board))
    expect(answer).toMatchObject({ revised: 2, complete: true, refused: [] })
    // Only the session whose tail was stale was read (its append at the stale head was refused).
    expect(reads.map(({ streamId }) => streamId)).toEqual([stale])
    for (const person of people) {
      const revisions = (await sessionEvents(store, person.sessionId)).filter(
        (event) => event.type === 'ScoreRevised',
      )
      expect(revisions.map((event) => event.reviewId)).toEqual(['rev-1', 'rev-2'])
      // rev-2 starts from the score rev-1 left: decided on the stream as it is, not on the stale tail.
      expect(revisions[1]!.oldScore).toBe(revisions[0]!.newScore)
      expect(revisions[1]!.newScore).toBeGreaterThan(revisions[1]!.oldScore)
    }
  })
})
