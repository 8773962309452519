import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  checkReview,
  compileKey,
  DEFAULT_BLUEPRINT,
  type ReviewedSession,
  reviewImpact,
  type SubgroupCode,
} from '../../src/index.js'
import { left, right } from '../support/specification.js'
import { answersArb, formArb, reviewArb, reviewsArb, subgroupArb } from './form-arbitraries.js'
import { accept, answersWith, buildForm, credit, wrongAnswer } from './form-fixtures.js'

const blueprint = DEFAULT_BLUEPRINT
const aa = buildForm('AA')
const closed = aa.form.tasks.find((task) => task.type === 'closed')!
const open = aa.form.tasks.find((task) => task.type === 'open')!
const session = (
  sessionId: string,
  answers: Record<string, string>,
  subgroup: SubgroupCode = 'AA4',
  annulled = false,
) => ({ sessionId, subgroup, answers, annulled }) satisfies ReviewedSession

describe('SCO-5: the dry run of an expert review', () => {
  it('SCO-5: lists exactly the results that change and the pass/fail outcomes that flip', () => {
    // 97 points with the first closed task wrong: crediting that task lifts the candidate to 98 = AA4's pass mark.
    const almost = {
      ...answersWith(aa.form, aa.key, { open: 40, closed: 18 }),
      [closed.id]: wrongAnswer(aa.key[closed.id]!),
    }
    const alreadyRight = answersWith(aa.form, aa.key, { open: 40, closed: 18 })
    const impact = reviewImpact({
      ...aa,
      blueprint,
      priorReviews: [],
      review: credit(closed.id),
      sessions: [
        session('s-almost', almost),
        session('s-right', alreadyRight),
        session('s-blank', {}, 'AA1'),
        session('s-annulled', {}, 'AA4', true),
      ],
    })
    expect(impact.changes).toEqual([
      {
        sessionId: 's-almost',
        subgroup: 'AA4',
        oldScore: 97,
        newScore: 98,
        oldPassed: false,
        newPassed: true,
      },
      { sessionId: 's-blank', subgroup: 'AA1', oldScore: 0, newScore: 1, oldPassed: false, newPassed: false },
    ])
    expect(impact.flips.map((c) => c.sessionId)).toEqual(['s-almost'])
    expect(impact.annulledUnaffected).toEqual(['s-annulled'])
  })

  it('SCO-5: prior reviews are part of the baseline — an answer already accepted changes nothing twice', () => {
    const impact = reviewImpact({
      ...aa,
      blueprint,
      priorReviews: [accept(open.id, 'Baku')],
      review: accept(open.id, 'BAKU', 'r-again'),
      sessions: [session('s1', { [open.id]: 'baku' })],
    })
    expect(impact.changes).toEqual([])
  })

  it('SCO-5/SCO-6: the dry run equals re-scoring every counting session, never lowers a score, skips annulled ones', () => {
    const arb = formArb().chain((scenario) =>
      fc.record({
        scenario: fc.constant(scenario),
        prior: reviewsArb(scenario, 2),
        review: reviewArb(scenario),
        sessions: fc.array(
          fc.record({
            answers: answersArb(scenario),
            subgroup: subgroupArb(scenario.form.group),
            annulled: fc.boolean(),
          }),
          { maxLength: 6 },
        ),
      }),
    )
    fc.assert(
      fc.property(arb, ({ scenario, prior, review, sessions }) => {
        const listed = sessions.map((s, i) => ({ ...s, sessionId: `s-${i}` }))
        const impact = reviewImpact({ ...scenario, blueprint, priorReviews: prior, review, sessions: listed })
        const before = compileKey({ ...scenario, reviews: prior, blueprint })
        const after = compileKey({ ...scenario, reviews: [...prior, review], blueprint })
        const expected = listed
          .filter((s) => !s.annulled)
          .map((s) => ({
            s,
            old: before.score(s.answers, s.subgroup),
            next: after.score(s.answers, s.subgroup),
          }))
          .filter(({ old, next }) => old.total.points !== next.total.points)
          .map(({ s }) => s.sessionId)
        expect(impact.changes.map((c) => c.sessionId)).toEqual(expected)
        for (const change of impact.changes) expect(change.newScore).toBeGreaterThan(change.oldScore)
        expect(impact.flips.every((c) => !c.oldPassed && c.newPassed)).toBe(true)
        expect(impact.annulledUnaffected).toEqual(listed.filter((s) => s.annulled).map((s) => s.sessionId))
      }),
      { numRuns: 50 },
    )
  })
})

describe('SCO-5: checkReview', () => {
  it('SCO-5: a review must name a task of the form', () => {
    const error = left(checkReview(aa.form, credit('ghost')))
    expect(error.code).toBe('exam.review_invalid')
    expect(error.message).toContain('Task ghost is not on form form-AA')
  })

  it('SCO-5: an accepted answer must be something a candidate could give', () => {
    expect(right(checkReview(aa.form, accept(open.id, 'Baku')))).toEqual(accept(open.id, 'Baku'))
    expect(left(checkReview(aa.form, accept(open.id, '  '))).message).toContain('blank answer')
    expect(right(checkReview(aa.form, accept(closed.id, ' d ')))).toBeDefined()
    expect(left(checkReview(aa.form, accept(closed.id, 'E'))).message).toContain('A, B, C, D')
    expect(left(checkReview(aa.form, accept(closed.id, 'Baku'))).code).toBe('exam.review_invalid')
  })
})
