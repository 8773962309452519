import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type ExamEvent,
  examDecider,
  examSessionDecider,
  type Review,
  resultCertificate,
  type SessionCommand,
  sessionView,
} from '../../../src/index.js'
import { specification } from '../../support/specification.js'
import {
  BB_CLOSED,
  context,
  decided,
  EXAM,
  examHistory,
  fromStart,
  nearlyPassing,
  play,
  SESSION,
  sittingOf,
  stateOf,
} from './fixtures.js'

const session = specification(examSessionDecider)
const AFTER = fromStart(60 * 24)

const withReviews = (reviews: readonly Review[], history: ExamEvent[] = examHistory()): ExamEvent[] => {
  const events = [...history]
  for (const review of reviews)
    events.push(
      ...decided(
        examDecider,
        events,
        { type: 'RecordExpertReview', examId: EXAM, review, decidedBy: 'board-1' },
        { now: AFTER },
      ),
    )
  return events
}

const credit = (reviewId: string, taskId: string): Review => ({
  reviewId,
  kind: 'credit_to_all',
  taskId,
  reason: `Task ${taskId} has no correct option`,
})
const accept = (reviewId: string, taskId: string, value: string): Review => ({
  reviewId,
  kind: 'accept_answer',
  taskId,
  answer: value,
  reason: `Option ${value} is also correct`,
})

const revise = (reviewId: string): SessionCommand => ({ type: 'ReviseScore', sessionId: SESSION, reviewId })

describe('Score revisions after expert review (SCO-5, SCO-6, APL-6)', () => {
  it('SCO-5: a task credited to all raises the score; the revision keeps old score, new score and reason', () => {
    const sitting = sittingOf(withReviews([credit('r-1', BB_CLOSED('azerbaijani', 1))]))
    const [event] = session.given(nearlyPassing()).when(revise('r-1'), context(AFTER, sitting)).events()
    expect(event).toMatchObject({
      type: 'ScoreRevised',
      reviewId: 'r-1',
      oldScore: 74,
      newScore: 75,
      oldPassed: false,
      newPassed: true,
      reason: `Task ${BB_CLOSED('azerbaijani', 1)} has no correct option`,
    })
  })

  it('SCO-5: an accepted additional answer re-scores those who gave it, and nobody else', () => {
    const sitting = sittingOf(withReviews([accept('r-2', BB_CLOSED('informatics', 5), 'B')]))
    const [event] = session.given(nearlyPassing()).when(revise('r-2'), context(AFTER, sitting)).events()
    expect(event).toMatchObject({ oldScore: 74, newScore: 75 })
    const other = sittingOf(withReviews([accept('r-3', BB_CLOSED('informatics', 5), 'C')]))
    session.given(nearlyPassing()).when(revise('r-3'), context(AFTER, other)).then([])
  })

  it('SCO-5: one revision per review — a repeat records nothing (APL-6: history keeps every revision)', () => {
    const sitting = sittingOf(
      withReviews([credit('r-1', BB_CLOSED('azerbaijani', 1)), credit('r-2', BB_CLOSED('azerbaijani', 2))]),
    )
    const history = play(
      [
        [revise('r-2'), AFTER],
        [revise('r-1'), AFTER],
      ],
      nearlyPassing(),
      sitting,
    )
    session.given(history).when(revise('r-1'), context(AFTER, sitting)).then([])
    const state = stateOf(history)
    expect(state.revisions.map((r) => [r.reviewId, r.oldScore, r.newScore])).toEqual([
      ['r-2', 74, 75],
      ['r-1', 75, 76],
    ])
    expect(resultCertificate(state)?.score.total.points).toBe(76)
  })

  it('SCO-6: an annulled result is re-scored for the record but never passes', () => {
    const sitting = sittingOf(withReviews([credit('r-1', BB_CLOSED('azerbaijani', 1))]))
    const annulled = play(
      [
        [
          {
            type: 'AnnulResult',
            sessionId: SESSION,
            decisionId: 'd-1',
            grounds: 'impersonation',
            counterpartSessionIds: [],
            decidedBy: 'board-1',
            decidedAt: AFTER,
            reason: 'Another person sat the exam',
            evidenceRef: 'video hall-1',
          },
          AFTER,
        ],
        [revise('r-1'), AFTER],
      ],
      nearlyPassing(),
      sitting,
    )
    expect(annulled.at(-1)).toMatchObject({ type: 'ScoreRevised', newScore: 75, newPassed: false })
    expect(resultCertificate(stateOf(annulled))).toMatchObject({ passed: false, annulled: true })
  })

  it('SCO-5: a finished session can be folded from its end event alone — a re-score never replays keystrokes', () => {
    const sitting = sittingOf(withReviews([credit('r-1', BB_CLOSED('azerbaijani', 1))]))
    const full = nearlyPassing()
    const fromEnd = full.slice(full.findIndex((e) => e.type === 'SessionEnded'))
    expect(fromEnd).toHaveLength(1)
    const a = examSessionDecider.decide(revise('r-1'), stateOf(full), context(AFTER, sitting))
    const b = examSessionDecider.decide(revise('r-1'), stateOf(fromEnd), context(AFTER, sitting))
    expect(b).toEqual(a)
  })

  it('SCO-6 (property): an annulled result never passes, whatever reviews follow', () => {
    const tasks = Array.from({ length: 30 }, (_, i) => BB_CLOSED('logic', i + 1))
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...tasks), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        (credited, annulFirst) => {
          const reviews = credited.map((taskId, i) => credit(`r-${i}`, taskId))
          const sitting = sittingOf(withReviews(reviews))
          const annulment: SessionCommand = {
            type: 'AnnulResult',
            sessionId: SESSION,
            decisionId: 'd-1',
            grounds: 'forged_documents',
            counterpartSessionIds: [],
            decidedBy: 'board-1',
            decidedAt: AFTER,
            reason: 'Forged identity document',
            evidenceRef: 'police report 7',
          }
          const revisions = reviews.map((review) => [revise(review.reviewId), AFTER] as const)
          const steps = annulFirst
            ? [[annulment, AFTER] as const, ...revisions]
            : [...revisions, [annulment, AFTER] as const]
          const history = play(steps, nearlyPassing(), sitting)
          const state = stateOf(history)
          expect(resultCertificate(state)?.passed).toBe(false)
          for (const event of history)
            if (event.type === 'ScoreRevised' && annulFirst) expect(event.newPassed).toBe(false)
        },
      ),
      { numRuns: 40 },
    )
  })

  it('SCO-5 (property): any sequence of reviews never lowers a session’s score', () => {
    const tasks = [
      ...Array.from({ length: 10 }, (_, i) => BB_CLOSED('informatics', i + 1)),
      ...Array.from({ length: 5 }, (_, i) => BB_CLOSED('azerbaijani', i + 1)),
    ]
    const reviewArb = fc.tuple(
      fc.constantFrom(...tasks),
      fc.option(fc.constantFrom('A', 'B', 'C', 'D'), { nil: undefined }),
    )
    fc.assert(
      fc.property(
        fc.array(reviewArb, { minLength: 1, maxLength: 10 }),
        fc.array(fc.nat({ max: 9 })),
        (specs, order) => {
          // Record only the reviews the board would accept (redundant ones are refused), in the order given.
          let exam = examHistory()
          for (const [i, [taskId, option]] of specs.entries()) {
            const review = option === undefined ? credit(`r-${i}`, taskId) : accept(`r-${i}`, taskId, option)
            const result = examDecider.decide(
              { type: 'RecordExpertReview', examId: EXAM, review, decidedBy: 'board-1' },
              exam.reduce(examDecider.evolve, examDecider.initialState),
              { now: AFTER },
            )
            if (result._tag === 'Right') exam = [...exam, ...result.right]
          }
          const sitting = sittingOf(exam)
          const ids = sitting.reviews.map((r) => r.reviewId)
          const shuffled = [
            ...ids,
            ...order.map((n) => ids[n % Math.max(1, ids.length)]).filter((id) => id !== undefined),
          ]
          let history = nearlyPassing()
          let score = stateOf(history).result?.total.points ?? 0
          for (const reviewId of shuffled) {
            history = play([[revise(reviewId as string), AFTER]], history, sitting)
            const next = stateOf(history).result?.total.points ?? 0
            expect(next).toBeGreaterThanOrEqual(score)
            score = next
          }
          for (const event of history)
            if (event.type === 'ScoreRevised') expect(event.newScore).toBeGreaterThan(event.oldScore)
          expect(sessionView(stateOf(history), context(AFTER, sitting)).phase).toBe('ended')
        },
      ),
      { numRuns: 40 },
    )
  })
})
