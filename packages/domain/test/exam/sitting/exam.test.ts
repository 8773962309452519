import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { foldSittingResults } from '../../../src/exam/sitting/results.js'
import {
  type AnnulmentGrounds,
  DEFAULT_TIMING,
  decodeWith,
  ExamCommand,
  type ExamCommand as ExamCommandType,
  type ExamEvent,
  examDecider,
  fold,
  type Review,
  reviewDryRun,
  type SessionEvent,
  seatBook,
} from '../../../src/index.js'
import { specification } from '../../support/specification.js'
import {
  DEFINED_AT,
  decided,
  defineCommand,
  EXAM,
  examHistory,
  formFor,
  fromStart,
  S,
} from '../session/fixtures.js'

const exam = specification(examDecider)
const AFTER = fromStart(60 * 24)
const allocate = (n: number) =>
  ({
    type: 'AllocateSeat',
    examId: EXAM,
    registrationId: `${EXAM}.cab-${n}:1`,
    sessionId: `${EXAM}.cab-${n}`,
  }) as const
const allocated = (count: number, history: ExamEvent[] = examHistory()): ExamEvent[] => {
  const events = [...history]
  for (let n = 1; n <= count; n++)
    events.push(...decided(examDecider, events, allocate(n), { now: DEFINED_AT }))
  return events
}

describe('Exam definition (SPEC §3.3, EXM-1)', () => {
  it('EXM-11/14/15/16: the timing takes the SPEC defaults as data unless the board sets them', () => {
    const [defined] = examHistory()
    expect(defined).toMatchObject({ type: 'ExamDefined', date: '2026-06-10', timing: DEFAULT_TIMING })
    expect(DEFAULT_TIMING).toMatchObject({
      arrivalBeforeStartMinutes: 30,
      familiarisationMinutes: 15,
      durationMinutes: 180,
      earliestFinishMinutes: 45,
    })
    const [custom] = examHistory({ timing: { durationMinutes: 120 } })
    expect(custom).toMatchObject({ timing: { ...DEFAULT_TIMING, durationMinutes: 120 } })
  })

  it('EXM-10: a sitting whose registration would already be closed (or whose start has passed) is refused', () => {
    // Registration closes 24 h before S by default: one millisecond before that is still defined.
    const closes = new Date(S.getTime() - 24 * 3_600_000)
    exam
      .given([])
      .when(defineCommand(), { now: new Date(closes.getTime() - 1) })
      .events()
    const error = exam
      .given([])
      .when(defineCommand(), { now: closes })
      .thenFails('exam.registration_already_closed')
    expect(error.details).toMatchObject({
      registrationClosesAt: closes.toISOString(),
      startsAt: S.toISOString(),
    })
    // A start that has passed is refused as before, with the other problems of the definition.
    exam
      .given([])
      .when(defineCommand(), { now: fromStart(10) })
      .thenFails('exam.invalid_definition')
    // The sitting's own timing decides: registration that closes 1 h before S leaves a day's start open.
    exam
      .given([])
      .when(defineCommand({ timing: { registrationClosesBeforeStartMinutes: 60 } }), { now: closes })
      .events()
  })

  it('EXM-1: a form that does not match its blueprint is refused with every mismatch listed', () => {
    const { form, key } = formFor('BB')
    const broken = { form: { ...form, tasks: form.tasks.slice(0, 98) }, key }
    const error = exam
      .given([])
      .when(defineCommand({ forms: [broken] }), { now: DEFINED_AT })
      .thenFails('exam.form_mismatch')
    const mismatches = error.details?.mismatches as { formId: string; group: string; kind: string }[]
    expect(mismatches.every((m) => m.formId === form.formId && m.group === 'BB')).toBe(true)
    expect(mismatches.map((m) => m.kind)).toEqual(expect.arrayContaining(['task_count', 'subject_count']))
    expect(error.details?.groups).toEqual(['BB'])
    const problems = error.details?.problems as string[]
    expect(problems).toHaveLength(mismatches.length)
    expect(problems.some((p) => p.includes('needs 100 tasks'))).toBe(true)
    expect(problems.some((p) => p.includes('logic: expected 30'))).toBe(true)
  })

  it('EXM-1: form mismatches and other problems of a definition are refused together, each readable', () => {
    const { form, key } = formFor('BB')
    const broken = { form: { ...form, tasks: form.tasks.slice(0, 99) }, key }
    const error = exam
      .given([])
      .when(defineCommand({ forms: [broken], halls: [] }), { now: DEFINED_AT })
      .thenFails('exam.form_mismatch')
    const problems = error.details?.problems as string[]
    const mismatches = error.details?.mismatches as unknown[]
    expect(problems[0]).toBe('a sitting needs at least one hall')
    expect(problems.length).toBe(mismatches.length + 1)
  })

  it('a definition lists all of its problems at once; defining twice differently is refused, identically is a retry', () => {
    const error = exam
      .given([])
      .when(
        defineCommand({
          halls: [],
          startsAt: new Date('2026-04-01T06:00:00Z'),
          timing: { earliestFinishMinutes: 200 },
        }),
        { now: DEFINED_AT },
      )
      .thenFails('exam.invalid_definition')
    expect(error.details?.problems).toHaveLength(3)
    exam.given(examHistory()).when(defineCommand(), { now: AFTER }).then([])
    exam
      .given(examHistory())
      .when(defineCommand({ title: 'Other' }), { now: AFTER })
      .thenFails('exam.already_defined')
  })
})

describe('Seat allocation (EXM-10)', () => {
  it('EXM-10: seats are handed out hall by hall with unique slip numbers; a repeat is answered, not re-applied', () => {
    const history = allocated(2)
    expect(history.slice(1)).toMatchObject([
      { type: 'SeatAllocated', hallId: 'hall-1', seat: 1, slipNumber: `${EXAM}-00001` },
      { type: 'SeatAllocated', hallId: 'hall-1', seat: 2, slipNumber: `${EXAM}-00002` },
    ])
    exam.given(history).when(allocate(2), { now: DEFINED_AT }).then([])
  })

  it('EXM-10: a sitting’s seats are finite — when they are gone the request is declined (and recorded)', () => {
    const full = allocated(3)
    exam
      .given(full)
      .when(allocate(4), { now: DEFINED_AT })
      .then([
        {
          type: 'SeatAllocationDeclined',
          examId: EXAM,
          registrationId: `${EXAM}.cab-4:1`,
          sessionId: `${EXAM}.cab-4`,
          reason: 'exam.seat_unavailable',
          at: DEFINED_AT,
        },
      ])
  })

  it('EXM-10: a released seat goes to the next candidate, never shared; slip numbers are never reused', () => {
    const released = [
      ...allocated(3),
      ...decided(
        examDecider,
        allocated(3),
        {
          type: 'ReleaseSeat',
          examId: EXAM,
          registrationId: `${EXAM}.cab-2:1`,
          reason: 'wallet.insufficient_funds',
        },
        { now: DEFINED_AT },
      ),
    ]
    const [next] = exam.given(released).when(allocate(4), { now: DEFINED_AT }).events()
    expect(next).toMatchObject({ hallId: 'hall-1', seat: 2, slipNumber: `${EXAM}-00004` })
    const book = seatBook(fold(examDecider, [...released, ...(next ? [next] : [])]))
    expect(book.taken.size).toBe(3)
    exam
      .given(released)
      .when(
        { type: 'ReleaseSeat', examId: EXAM, registrationId: `${EXAM}.cab-2:1`, reason: 'x' },
        { now: DEFINED_AT },
      )
      .then([])
  })

  it('EXM-10: no seat once registration has closed', () => {
    const [event] = exam
      .given(examHistory())
      .when(allocate(1), { now: fromStart(-60) })
      .events()
    expect(event).toMatchObject({ type: 'SeatAllocationDeclined', reason: 'exam.registration_closed' })
  })
})

const credit: Review = {
  reviewId: 'r-1',
  kind: 'credit_to_all',
  taskId: 'BB-logic-c1',
  reason: 'Two options are correct',
}

describe('Expert review, annulment decisions and publication (SCO-5, EXM-21, APL-1)', () => {
  it('SCO-5: a review is recorded after the exam with its reason and who decided; never during the exam', () => {
    exam
      .given(examHistory())
      .when(
        { type: 'RecordExpertReview', examId: EXAM, review: credit, decidedBy: 'board-2' },
        { now: AFTER },
      )
      .then([
        {
          type: 'ExpertReviewRecorded',
          examId: EXAM,
          review: credit,
          groups: ['BB'],
          decidedBy: 'board-2',
          decidedAt: AFTER,
        },
      ])
    exam
      .given(examHistory())
      .when(
        { type: 'RecordExpertReview', examId: EXAM, review: credit, decidedBy: 'board-2' },
        { now: fromStart(100) },
      )
      .thenFails('exam.not_ended')
  })

  it('SCO-5: a review that changes nothing, names no task, or accepts a letter the task lacks is refused', () => {
    const reviewed = [
      ...examHistory(),
      ...decided(
        examDecider,
        examHistory(),
        { type: 'RecordExpertReview', examId: EXAM, review: credit, decidedBy: 'b' },
        { now: AFTER },
      ),
    ]
    const cases: ReadonlyArray<readonly [Review, string]> = [
      [{ ...credit, reviewId: 'r-2' }, 'exam.review_redundant'],
      [
        { reviewId: 'r-3', kind: 'accept_answer', taskId: 'BB-logic-c2', answer: 'a', reason: 'x' },
        'exam.review_redundant',
      ],
      [
        { reviewId: 'r-4', kind: 'accept_answer', taskId: 'BB-logic-c2', answer: 'E', reason: 'x' },
        'exam.review_invalid',
      ],
      [{ ...credit, reviewId: 'r-5', taskId: 'nope' }, 'exam.unknown_task'],
      [{ ...credit, reason: 'other reason' }, 'exam.review_id_reused'],
    ]
    for (const [review, code] of cases)
      exam
        .given(reviewed)
        .when({ type: 'RecordExpertReview', examId: EXAM, review, decidedBy: 'b' }, { now: AFTER })
        .thenFails(code)
  })

  it('SCO-5: the dry run reports which results change and which outcomes flip, and records nothing', () => {
    const ended = (sessionId: string, correct: number): SessionEvent => {
      const answers = Object.fromEntries(
        Array.from({ length: correct }, (_, i) => [`BB-legislation-c${(i % 40) + 1}`, 'A']),
      )
      return {
        type: 'SessionEnded',
        sessionId,
        examId: EXAM,
        subgroup: 'BB2',
        formId: 'form-BB',
        reason: 'finished',
        answers,
        startedAt: S,
        deadline: fromStart(180),
        endedAt: fromStart(60),
        reviewIds: [],
        result: {
          total: { points: correct, max: 100, correct, wrong: 0, unanswered: 100 - correct },
          bySubject: {} as never,
          byType: {} as never,
          subgroup: 'BB2',
          passMark: 75,
          passed: correct >= 75,
        },
      }
    }
    const results = foldSittingResults([...examHistory(), ended(`${EXAM}.a`, 40), ended(`${EXAM}.b`, 20)])
    const state = fold(examDecider, examHistory())
    const impact = reviewDryRun(state, results, credit)
    expect(impact.changes.map((c) => [c.sessionId, c.oldScore, c.newScore])).toEqual([
      [`${EXAM}.a`, 40, 41],
      [`${EXAM}.b`, 20, 21],
    ])
    expect(impact.flips).toEqual([])
    expect(state.reviews).toEqual([])
  })

  it('EXM-21: a copying decision names exactly two sessions of this sitting, one decision id', () => {
    const decide = (sessionIds: string[], grounds: AnnulmentGrounds = 'copying'): ExamCommandType => ({
      type: 'DecideAnnulment',
      examId: EXAM,
      decisionId: 'd-1',
      grounds,
      sessionIds,
      decidedBy: 'board-1',
      reason: 'Copying established',
      evidenceRef: 'report 12',
    })
    const [event] = exam
      .given(examHistory())
      .when(decide([`${EXAM}.a`, `${EXAM}.b`]), { now: AFTER })
      .events()
    expect(event).toMatchObject({
      type: 'AnnulmentDecided',
      sessionIds: [`${EXAM}.a`, `${EXAM}.b`],
      decidedAt: AFTER,
    })
    exam
      .given(examHistory())
      .when(decide([`${EXAM}.a`]), { now: AFTER })
      .thenFails('exam.invalid_annulment')
    exam
      .given(examHistory())
      .when(decide([`${EXAM}.a`, `${EXAM}.a`]), { now: AFTER })
      .thenFails('exam.invalid_annulment')
    exam
      .given(examHistory())
      .when(decide([`${EXAM}.a`, 'other.b']), { now: AFTER })
      .thenFails('exam.foreign_session')
    exam
      .given(examHistory())
      .when(decide([`${EXAM}.a`], 'impersonation'), { now: AFTER })
      .events()
  })

  it('APL-1: results are published at P only after the exam has ended, never twice', () => {
    const publish = (at: Date) =>
      ({ type: 'PublishResults', examId: EXAM, publishAt: at, publishedBy: 'board-1' }) as const
    exam
      .given(examHistory())
      .when(publish(fromStart(179)), { now: fromStart(100) })
      .thenFails('exam.not_ended')
    exam
      .given(examHistory())
      .when(publish(AFTER), { now: AFTER, openSessions: 2 })
      .thenFails('exam.sessions_still_open')
    const published = [
      ...examHistory(),
      ...decided(examDecider, examHistory(), publish(AFTER), { now: AFTER }),
    ]
    expect(published.at(-1)).toMatchObject({ type: 'ResultsPublished', publishedAt: AFTER })
    exam.given(published).when(publish(AFTER), { now: AFTER }).then([])
    exam
      .given(published)
      .when(publish(fromStart(60 * 48)), { now: AFTER })
      .thenFails('exam.already_published')
  })

  it('malformed exam commands are refused by the codec with readable messages', () => {
    const result = decodeWith(ExamCommand)({
      type: 'DefineExam',
      examId: 'x',
      title: '',
      startsAt: 'tomorrow',
      venue: {},
      halls: [],
      forms: [],
      fee: '-1',
      timing: { durationMinutes: 0 },
      definedBy: 'b',
    })
    expect(E.isLeft(result) && result.left.message).toMatch(/startsAt: expected an ISO-8601 instant/)
    expect(E.isLeft(result) && result.left.message).toMatch(/fee/)
  })
})
