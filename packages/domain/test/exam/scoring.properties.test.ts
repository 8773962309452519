import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type AnswerKey,
  type Answers,
  compileKey,
  DEFAULT_BLUEPRINT,
  type Form,
  finalOutcome,
  normaliseOpenAnswer,
  passMarkOf,
  type Review,
  readClosedAnswer,
  type ScoreResult,
  SUBJECTS,
  type SubgroupCode,
  scoreAnswers,
  TASK_POINTS,
  type Tally,
} from '../../src/index.js'
import { right } from '../support/specification.js'
import { answersArb, reviewArb, reviewsArb, sheetArb } from './form-arbitraries.js'
import { correctAnswer } from './form-fixtures.js'

/**
 * The scoring properties of SPEC §3.2 over generated forms of every group,
 * answer sheets with blanks, garbage and near misses, and expert reviews.
 */
const blueprint = DEFAULT_BLUEPRINT

const withReviews = sheetArb().chain((sheet) => reviewsArb(sheet).map((reviews) => ({ ...sheet, reviews })))
const score = (
  sheet: { form: Form; key: AnswerKey; subgroup: SubgroupCode },
  answers: Answers,
  reviews: readonly Review[],
) => right(scoreAnswers({ ...sheet, answers, reviews, blueprint }))

const sum = (tallies: Tally[]): Tally =>
  tallies.reduce(
    (a, b) => ({
      points: a.points + b.points,
      max: a.max + b.max,
      correct: a.correct + b.correct,
      wrong: a.wrong + b.wrong,
      unanswered: a.unanswered + b.unanswered,
    }),
    { points: 0, max: 0, correct: 0, wrong: 0, unanswered: 0 },
  )

describe('scoring properties (SCO-1, SCO-3, SCO-4, SCO-5, SCO-6, SCO-7)', () => {
  it("SCO-1: the score is between 0 and the maximum of the group, and the maximum is the blueprint's", () => {
    fc.assert(
      fc.property(withReviews, (sheet) => {
        const { total } = score(sheet, sheet.answers, sheet.reviews)
        expect(total.max).toBe(blueprint.groups[sheet.form.group].maxPoints)
        expect(total.points).toBeGreaterThanOrEqual(0)
        expect(total.points).toBeLessThanOrEqual(total.max)
      }),
    )
  })

  it('SCO-3: the score is the sum of its breakdown, per subject and per type, and every task is counted once', () => {
    fc.assert(
      fc.property(withReviews, (sheet) => {
        const result = score(sheet, sheet.answers, sheet.reviews)
        expect(sum(SUBJECTS.map((s) => result.bySubject[s]))).toEqual(result.total)
        expect(sum([result.byType.open, result.byType.closed])).toEqual(result.total)
        const { correct, wrong, unanswered } = result.total
        expect(correct + wrong + unanswered).toBe(sheet.form.tasks.length)
        expect(result.total.points).toBe(result.byType.open.correct * 2 + result.byType.closed.correct)
      }),
    )
  })

  it("SCO-1: turning a wrong or missing answer into a correct one raises the score by that task's points", () => {
    fc.assert(
      fc.property(sheetArb(), fc.nat(), (sheet, pick) => {
        const compiled = compileKey({ ...sheet, reviews: [], blueprint })
        const notCorrect = sheet.form.tasks.filter(
          (t) => compiled.judge(t.id, sheet.answers[t.id]) !== 'correct',
        )
        fc.pre(notCorrect.length > 0)
        const task = notCorrect[pick % notCorrect.length]!
        const before = compiled.score(sheet.answers, sheet.subgroup).total.points
        const fixed = { ...sheet.answers, [task.id]: correctAnswer(sheet.key[task.id]!) }
        expect(compiled.score(fixed, sheet.subgroup).total.points).toBe(before + TASK_POINTS[task.type])
      }),
    )
  })

  it('SCO-5: crediting a task to all never lowers a score and gives that task full points to everyone', () => {
    fc.assert(
      fc.property(withReviews, fc.nat(), (sheet, pick) => {
        const task = sheet.form.tasks[pick % sheet.form.tasks.length]!
        const before = compileKey({ ...sheet, blueprint })
        const after = compileKey({
          ...sheet,
          reviews: [
            ...sheet.reviews,
            { reviewId: 'x', kind: 'credit_to_all', taskId: task.id, reason: 'erroneous' },
          ],
          blueprint,
        })
        const wasCorrect = before.judge(task.id, sheet.answers[task.id]) === 'correct'
        const old = before.score(sheet.answers, sheet.subgroup)
        const next = after.score(sheet.answers, sheet.subgroup)
        expect(after.judge(task.id, sheet.answers[task.id])).toBe('correct')
        expect(next.total.points).toBe(old.total.points + (wasCorrect ? 0 : TASK_POINTS[task.type]))
        expect(next.bySubject[task.subject].correct).toBe(
          old.bySubject[task.subject].correct + (wasCorrect ? 0 : 1),
        )
      }),
    )
  })

  it('SCO-5: accepting an additional answer changes only the candidates who gave it, and only upwards', () => {
    const arb = sheetArb().chain((sheet) =>
      fc.record({
        sheet: fc.constant(sheet),
        others: fc.array(answersArb(sheet), { minLength: 1, maxLength: 5 }),
        review: reviewArb(sheet).filter((r) => r.kind === 'accept_answer'),
      }),
    )
    fc.assert(
      fc.property(arb, ({ sheet, others, review }) => {
        if (review.kind !== 'accept_answer') return
        const task = sheet.form.tasks.find((t) => t.id === review.taskId)!
        const same = (answer: string | undefined) =>
          answer !== undefined &&
          (task.type === 'open'
            ? normaliseOpenAnswer(answer) === normaliseOpenAnswer(review.answer)
            : readClosedAnswer(answer) === readClosedAnswer(review.answer))
        const before = compileKey({ ...sheet, reviews: [], blueprint })
        const after = compileKey({ ...sheet, reviews: [review], blueprint })
        for (const answers of [sheet.answers, ...others]) {
          const gain =
            after.score(answers, sheet.subgroup).total.points -
            before.score(answers, sheet.subgroup).total.points
          const gaveIt = same(answers[task.id]) && before.judge(task.id, answers[task.id]) !== 'correct'
          expect(gain).toBe(gaveIt ? TASK_POINTS[task.type] : 0)
        }
      }),
    )
  })

  it("SCO-4: pass ⇔ score ≥ the pass mark of the candidate's subgroup", () => {
    fc.assert(
      fc.property(withReviews, (sheet) => {
        const result = score(sheet, sheet.answers, sheet.reviews)
        expect(result.passMark).toBe(passMarkOf(blueprint, sheet.subgroup).points)
        expect(result.passed).toBe(result.total.points >= result.passMark)
      }),
    )
  })

  it('SCO-4: right at the pass mark passes, one point below fails (answers built to land near it)', () => {
    fc.assert(
      fc.property(sheetArb(), fc.integer({ min: -2, max: 2 }), (sheet, delta) => {
        const target = passMarkOf(blueprint, sheet.subgroup).points + delta
        let missing = target
        const answers: Record<string, string> = {}
        // Open tasks first (2 points each) while two or more points are missing, then closed ones (1 point).
        for (const task of [...sheet.form.tasks].sort((a, b) =>
          a.type === b.type ? 0 : a.type === 'open' ? -1 : 1,
        )) {
          const points = TASK_POINTS[task.type]
          if (points <= missing) {
            answers[task.id] = correctAnswer(sheet.key[task.id]!)
            missing -= points
          }
        }
        expect(missing).toBe(0)
        const result = score(sheet, answers, [])
        expect(result.total.points).toBe(target)
        expect(result.passed).toBe(delta >= 0)
      }),
    )
  })

  it('SCO-6: an annulled result never passes, whatever reviews follow', () => {
    fc.assert(
      fc.property(withReviews, (sheet) => {
        for (let applied = 0; applied <= sheet.reviews.length; applied++) {
          const result = score(sheet, sheet.answers, sheet.reviews.slice(0, applied))
          const outcome = finalOutcome(result, true)
          expect(outcome.passed).toBe(false)
          expect('score' in outcome).toBe(false)
        }
      }),
    )
  })

  it('SCO-0/SCO-7: scoring is deterministic and independent of task and variant order', () => {
    fc.assert(
      fc.property(withReviews, fc.nat(), (sheet, seed) => {
        const shuffled = {
          ...sheet,
          form: {
            ...sheet.form,
            tasks: [...sheet.form.tasks].sort((a, b) => rank(a.id, seed) - rank(b.id, seed)),
            variants: [...sheet.form.variants].reverse(),
          },
        }
        const first: ScoreResult = score(sheet, sheet.answers, sheet.reviews)
        expect(score(sheet, sheet.answers, sheet.reviews)).toEqual(first)
        expect(score(shuffled, sheet.answers, sheet.reviews)).toEqual(first)
        // A warm compiled key (its caches filled by other sheets) agrees with a fresh one.
        const warm = compileKey({ ...sheet, blueprint })
        warm.score(Object.fromEntries(sheet.form.tasks.map((t) => [t.id, ` ${t.id}x `])), sheet.subgroup)
        expect(warm.score(sheet.answers, sheet.subgroup)).toEqual(first)
      }),
    )
  })
})

/** A stable pseudo-random rank of an id for a seed (no Math.random in tests either). */
const rank = (id: string, seed: number): number => {
  let h = seed | 0
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619)
  return h
}
