import { describe, expect, it } from 'vitest'
import {
  type ApplyAppealCorrections,
  decodeWith,
  type ExamEvent,
  examDecider,
  examSessionDecider,
  finishedSessions,
  foldSittingResults,
  type Review,
  resultCertificate,
  SessionCommand,
  type SessionEvent,
} from '../../../src/index.js'
import { left, specification } from '../../support/specification.js'
import {
  BB_CLOSED,
  BLANK_TASK,
  context,
  decided,
  EXAM,
  examHistory,
  fromStart,
  nearlyPassing,
  play,
  SESSION,
  seated,
  sittingOf,
  stateOf,
  WRONG_TASK,
} from './fixtures.js'

const session = specification(examSessionDecider)
const AFTER = fromStart(60 * 24 * 5)

const apply = (
  corrections: ApplyAppealCorrections['corrections'],
  revisionId = 'a-1:commission',
): ApplyAppealCorrections => ({
  type: 'ApplyAppealCorrections',
  sessionId: SESSION,
  revisionId,
  appealId: 'a-1',
  by: 'commission',
  corrections,
  reason: 'appeal a-1',
})

const withReview = (review: Review): ExamEvent[] => {
  const exam = examHistory()
  return [
    ...exam,
    ...decided(
      examDecider,
      exam,
      { type: 'RecordExpertReview', examId: EXAM, review, decidedBy: 'board-1' },
      { now: AFTER },
    ),
  ]
}

describe('Appeal corrections in the session (APL-4, APL-5, APL-6, SCO-7)', () => {
  it('APL-4: a correction is this candidate’s alone — it re-scores the session with old and new score', () => {
    const [event] = session
      .given(nearlyPassing())
      .when(apply([{ taskId: WRONG_TASK, kind: 'credited' }]), context(AFTER))
      .events()
    expect(event).toMatchObject({
      type: 'ScoreRevisedOnAppeal',
      oldScore: 74,
      newScore: 75,
      oldPassed: false,
      newPassed: true,
      corrections: [{ taskId: WRONG_TASK, kind: 'credited', answer: 'B' }],
    })
  })

  it('APL-4: a correction that changes nothing records nothing; a repeat records nothing', () => {
    session
      .given(nearlyPassing())
      .when(apply([{ taskId: BB_CLOSED('logic', 1), kind: 'credited' }]), context(AFTER))
      .then([])
    const once = play([[apply([{ taskId: WRONG_TASK, kind: 'credited' }]), AFTER]], nearlyPassing())
    session
      .given(once)
      .when(apply([{ taskId: WRONG_TASK, kind: 'credited' }]), context(AFTER))
      .then([])
  })

  it('APL-4: corrections stay in force when a later expert review re-scores the session (never lowered, never lost)', () => {
    const corrected = play(
      [[apply([{ taskId: WRONG_TASK, kind: 'answer_accepted' }]), AFTER]],
      nearlyPassing(),
    )
    const sitting = sittingOf(
      withReview({
        reviewId: 'r-1',
        kind: 'credit_to_all',
        taskId: BB_CLOSED('azerbaijani', 1),
        reason: 'No correct option',
      }),
    )
    const [revised] = session
      .given(corrected)
      .when({ type: 'ReviseScore', sessionId: SESSION, reviewId: 'r-1' }, context(AFTER, sitting))
      .events()
    expect(revised).toMatchObject({ type: 'ScoreRevised', oldScore: 75, newScore: 76 })
    // A review crediting the task the appeal already credited changes nothing for this candidate.
    const same = sittingOf(
      withReview({ reviewId: 'r-2', kind: 'credit_to_all', taskId: WRONG_TASK, reason: 'No correct option' }),
    )
    session
      .given(corrected)
      .when({ type: 'ReviseScore', sessionId: SESSION, reviewId: 'r-2' }, context(AFTER, same))
      .then([])
  })

  it('SCO-7: the corrected score is recomputable from answers, key, reviews and the recorded corrections', () => {
    const history = play(
      [
        [
          apply([
            { taskId: WRONG_TASK, kind: 'credited' },
            { taskId: BLANK_TASK, kind: 'credited' },
          ]),
          AFTER,
        ],
      ],
      nearlyPassing(),
    )
    const fromEnd = history.slice(history.findIndex((event) => event.type === 'SessionEnded'))
    expect(resultCertificate(stateOf(fromEnd))).toEqual(resultCertificate(stateOf(history)))
    expect(resultCertificate(stateOf(history))?.score.total.points).toBe(76)
  })

  it('APL-4: refused — no result yet, a task off the form, an answer to accept that was never given', () => {
    session
      .given(seated())
      .when(apply([{ taskId: WRONG_TASK, kind: 'credited' }]), context(AFTER))
      .thenFails('session.no_result')
    session
      .given(nearlyPassing())
      .when(apply([{ taskId: 'AA-logic-c1', kind: 'credited' }]), context(AFTER))
      .thenFails('session.unknown_task')
    session
      .given(nearlyPassing())
      .when(apply([{ taskId: BLANK_TASK, kind: 'answer_accepted' }]), context(AFTER))
      .thenFails('session.no_answer_to_accept')
  })

  it('APL-4: the command codec refuses no corrections, or a task corrected twice', () => {
    const decode = decodeWith(SessionCommand)
    expect(left(decode(apply([]))).message).toContain('name at least one corrected task')
    expect(
      left(
        decode(
          apply([
            { taskId: WRONG_TASK, kind: 'credited' },
            { taskId: WRONG_TASK, kind: 'answer_accepted' },
          ]),
        ),
      ).message,
    ).toContain('a task is corrected at most once')
  })

  it('APL-6: the sitting’s results list shows the appeal revision beside expert reviews', () => {
    const history: SessionEvent[] = play(
      [[apply([{ taskId: WRONG_TASK, kind: 'credited' }]), AFTER]],
      nearlyPassing(),
    )
    const [row] = finishedSessions(foldSittingResults([...examHistory(), ...history]))
    expect(row?.final).toMatchObject({
      score: 75,
      passed: true,
      reviewIds: [],
      revisions: [{ reviewId: 'a-1:commission', oldScore: 74, newScore: 75, reason: 'appeal a-1' }],
    })
  })
})
