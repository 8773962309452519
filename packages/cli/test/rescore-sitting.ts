import { type EventStore, type NewEvent, RecordReviewInput, ReviewInput } from '@imtahan/adapters'
import type { ReviewImpact } from '@imtahan/domain'
import { wrapStore } from '../../adapters/src/store/wrap-store.js'
import {
  board,
  buildForm,
  candidate,
  correctAnswer,
  makeExamApp,
  minutesFromStart,
  S,
  seatCandidate,
  sittingInput,
  wrongAnswer,
} from '../../adapters/test/application/exam/support.js'
import { ok, typed } from '../../adapters/test/application/facade/support.js'

export const EXAM_ID = 'cs-2026-rescore'
const { form, key } = buildForm('BB', 'bb')
/** The form's task ids, in order: tasks[0] is the one the first review credits. */
export const tasks = form.tasks.map((task) => task.id)

/** A BB1 result is a pass from 80 points (SCO-4); every BB task is closed, worth 1. */
type Sheet = { readonly firstRight: boolean; readonly more: number }
/** Each sheet: the first task right or wrong, the second blank, then `more` right answers from the third task on. */
const SHEETS = {
  /** 79 points, the first task wrong: crediting it flips FAIL → PASS. */
  flip: { firstRight: false, more: 79 },
  /** 89 points, the first task wrong: raised, PASS either way. */
  raise: { firstRight: false, more: 89 },
  /** The first task right, 85 points: the first review does not touch it. */
  steady: { firstRight: true, more: 84 },
  /** Like `flip`, then annulled: re-scored but never passing (SCO-6). */
  annulled: { firstRight: false, more: 79 },
} satisfies Record<string, Sheet>
export type Who = keyof typeof SHEETS

const answersOf = (sheet: Sheet): [string, string][] => [
  [tasks[0]!, sheet.firstRight ? correctAnswer(key[tasks[0]!]!) : wrongAnswer(key[tasks[0]!]!)],
  ...tasks.slice(2, 2 + sheet.more).map((taskId): [string, string] => [taskId, correctAnswer(key[taskId]!)]),
]

/** `inner`, except that while `failing()` says so every `ScoreRevised` append fails. */
const failingRevisions = (inner: EventStore, failing: () => boolean) =>
  wrapStore(inner, {
    appendToStream: async (streamId, events: readonly NewEvent[], expected, context) => {
      if (failing() && events.some((event) => event.type === 'ScoreRevised'))
        throw new Error('store failure before the re-score')
      return inner.appendToStream(streamId, events, expected, context)
    },
    // The re-score appends its revisions many streams at a time.
    appendToStreams: async (appends, context) => {
      if (failing() && appends.some(({ events }) => events.some((event) => event.type === 'ScoreRevised')))
        throw new Error('store failure before the re-score')
      return inner.appendToStreams(appends, context)
    },
  })

/** After the exam: when the board records reviews (and annulments). */
const AFTER = new Date(S.getTime() + 4 * 3_600_000)

/** A sitting with four finished BB1 sessions, one of them annulled, built through the facade over `store`. */
export const buildSitting = async (store: EventStore): Promise<Record<Who, string>> => {
  const t = makeExamApp(store)
  ok(await t.app.exams.board.defineSitting(sittingInput(EXAM_ID), board))
  const sessions = {} as Record<Who, string>
  const people = []
  for (const [index, who] of (Object.keys(SHEETS) as Who[]).entries()) {
    const person = await candidate(t, 860 + index, '20.00')
    const answer = ok(
      await t.app.exams.candidate.register(person.cabinetId, EXAM_ID, { subgroup: 'BB1' }, person.me),
    )
    sessions[who] = answer.sessionId
    people.push({ who, ...person, slip: answer.slip! })
  }
  for (const person of people) await seatCandidate(t, EXAM_ID, sessions[person.who], person.slip)
  t.clock.set(minutesFromStart(60))
  for (const person of people) {
    for (const [taskId, answer] of answersOf(SHEETS[person.who]))
      ok(await t.app.exams.candidate.answer(person.cabinetId, EXAM_ID, taskId, { answer }, person.me))
    ok(await t.app.exams.candidate.finish(person.cabinetId, EXAM_ID, person.me))
  }
  t.clock.set(AFTER)
  ok(
    await t.app.exams.board.annul(
      EXAM_ID,
      {
        decisionId: 'annul-1',
        grounds: 'forged_documents',
        sessionIds: [sessions.annulled],
        by: 'board-1',
        reason: 'The identity document was forged',
        evidenceRef: 'case-2026-31',
      },
      board,
    ),
  )
  return sessions
}

/**
 * The board's dry run (`reviewImpact`) for `review`, then the review
 * recorded by the board's own use case while the store fails every
 * `ScoreRevised` append: the review lands, its re-score does not — a crash
 * between the two, with no process runner started since to heal it. That
 * is the state `imtahan rescore` exists for.
 */
export const recordWithoutRescore = async (
  store: EventStore,
  review: Record<string, string>,
): Promise<ReviewImpact> => {
  let failing = false
  const t = makeExamApp(failingRevisions(store, () => failing))
  t.clock.set(AFTER)
  const impact = ok(await t.app.exams.board.reviewDryRun(EXAM_ID, typed(ReviewInput, { review }), board))
  failing = true
  const answer = ok(
    await t.app.exams.board.recordReview(EXAM_ID, typed(RecordReviewInput, { review, by: 'board-2' }), board),
  )
  if (answer.complete || answer.revised !== 0) throw new Error('the re-score was meant to be interrupted')
  return impact
}
