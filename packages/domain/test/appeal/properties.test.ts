import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  type AppealCorrection,
  appealDecider,
  examSessionDecider,
  resultCertificate,
  type SessionEvent,
  scoreAnswers,
} from '../../src/index.js'
import {
  BB_CLOSED,
  context,
  decided,
  fromStart,
  SESSION,
  SITTING,
  seated,
  stateOf,
} from '../exam/session/fixtures.js'
import {
  APPEAL_1,
  appealable,
  appealContext,
  appealState,
  CALENDAR,
  deliverToSession,
  fileCommand,
  playAppeal,
  realAppealable,
} from './fixtures.js'

const TASKS = [
  ...Array.from({ length: 30 }, (_, i) => BB_CLOSED('logic', i + 1)),
  ...Array.from({ length: 15 }, (_, i) => BB_CLOSED('informatics', i + 1)),
]
const AFTER = new Date('2026-06-15T07:00:00Z')

/** A finished BB2 session with the given answers (any subset of tasks, any letters). */
const finishedWith = (answers: Readonly<Record<string, string>>): SessionEvent[] => {
  const history: SessionEvent[] = [
    ...seated(),
    ...Object.entries(answers).map(
      ([taskId, answer]): SessionEvent => ({
        type: 'TaskAnswered',
        sessionId: SESSION,
        taskId,
        answer,
        at: fromStart(5),
      }),
    ),
  ]
  return [
    ...history,
    ...decided(
      examSessionDecider,
      history,
      { type: 'FinishSession', sessionId: SESSION },
      context(fromStart(60)),
    ),
  ]
}

const answersArb = fc.dictionary(fc.constantFrom(...TASKS), fc.constantFrom('A', 'B', 'C', ' '), {
  maxKeys: 45,
})
const kindArb = fc.constantFrom<AppealCorrection['kind']>('credited', 'answer_accepted')

describe('Appeal properties (APL-4, SCO-4, SCO-6, SCO-7)', () => {
  it('APL-4 (property): an upheld appeal never lowers a score, and pass/fail is always score ≥ pass mark', () => {
    fc.assert(
      fc.property(
        answersArb,
        fc.uniqueArray(fc.tuple(fc.constantFrom(...TASKS), kindArb), {
          minLength: 1,
          maxLength: 6,
          selector: ([t]) => t,
        }),
        (answers, picks) => {
          const session = finishedWith(answers)
          const before = resultCertificate(stateOf(session))?.score.total.points ?? 0
          const filed = playAppeal([
            [
              fileCommand({ taskIds: picks.map(([taskId]) => taskId) }),
              appealContext(AFTER, { session: realAppealable(session) }),
            ],
          ])
          const state = appealState(filed)
          // The commission can accept only an answer that was given; it credits the others.
          const corrections = picks.map(([taskId, kind]) => ({
            taskId,
            kind:
              state.filed?.disputed.find((d) => d.taskId === taskId)?.answer === null
                ? ('credited' as const)
                : kind,
          }))
          const upheld = appealDecider.decide(
            { type: 'UpholdAppeal', appealId: APPEAL_1, corrections, reasons: 'Upheld.', decidedBy: 'com-1' },
            state,
            appealContext(AFTER),
          )
          if (E.isLeft(upheld)) throw new Error(upheld.left.message)
          const after = deliverToSession(upheld.right, session, AFTER)
          const certificate = resultCertificate(stateOf(after))
          const score = certificate?.score.total.points ?? 0
          expect(score).toBeGreaterThanOrEqual(before)
          expect(certificate?.passed).toBe(score >= (certificate?.passMark ?? 0))
          for (const event of after)
            if (event.type === 'ScoreRevisedOnAppeal') {
              expect(event.newScore).toBeGreaterThan(event.oldScore)
              expect(event.newPassed).toBe(event.newScore >= event.result.passMark)
              // SCO-7: an auditor recomputes the revision with the corrections as credits for this sheet only.
              const { form, key } = SITTING.forms.find(({ form: f }) => f.group === 'BB') ?? SITTING.forms[0]!
              const recomputed = scoreAnswers({
                form,
                key,
                answers: stateOf(session).ended?.answers ?? {},
                reviews: event.corrections.map((c) => ({
                  reviewId: c.taskId,
                  kind: 'credit_to_all' as const,
                  taskId: c.taskId,
                  reason: 'appeal',
                })),
                subgroup: 'BB2',
                blueprint: SITTING.blueprint,
              })
              expect(recomputed).toEqual(E.right(event.result))
            }
        },
      ),
      { numRuns: 40 },
    )
  })

  it('APL-3 / SCO-6 (property): an annulled result is never appealable, whoever files, whenever, about whatever', () => {
    const instant = fc.date({
      min: new Date('2025-01-01T00:00:00Z'),
      max: new Date('2026-12-20T00:00:00Z'),
      noInvalidDate: true,
    })
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 0, max: 20 * 86_400 }),
        fc.subarray(['t-1', 't-2', 't-3', 't-4'], { minLength: 1 }),
        fc.option(instant, { nil: undefined }),
        (publishedAt, secondsLater, taskIds, other) => {
          const now = new Date(publishedAt.getTime() + secondsLater * 1000)
          const file = (annulled: boolean) =>
            appealDecider.decide(fileCommand({ taskIds }), appealDecider.initialState, {
              now: other ?? now,
              calendar: CALENDAR,
              session: appealable({ annulled, publishedAt }),
              earlier: [],
            })
          const annulled = file(true)
          expect(E.isLeft(annulled)).toBe(true)
          // Wherever the same result, not annulled, could be appealed, the refusal is the annulment's.
          if (E.isRight(file(false)) && E.isLeft(annulled))
            expect(annulled.left.code).toBe('appeal.annulled_result')
        },
      ),
      { numRuns: 200 },
    )
  })
})
