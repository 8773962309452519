import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { compiledKeyFor, compileKey, DEFAULT_BLUEPRINT, type Review, scoreAnswers } from '../../src/index.js'
import { answersArb, reviewsArb, sheetArb } from './form-arbitraries.js'

/**
 * SCO-7 with the memo: `compiledKeyFor` (and so `scoreAnswers`, every
 * session's end and re-score) returns what compiling the key afresh would,
 * whatever was scored before — other sheets, other review sets of the same
 * form, the same reviews with other ids, or a prefix of these reviews.
 */
const blueprint = DEFAULT_BLUEPRINT

const scenario = sheetArb().chain((sheet) =>
  fc.record({
    sheet: fc.constant(sheet),
    reviews: reviewsArb(sheet),
    earlier: fc.array(reviewsArb(sheet), { maxLength: 3 }),
    others: fc.array(answersArb(sheet), { maxLength: 3 }),
  }),
)

const renamed = (reviews: readonly Review[], prefix: string): Review[] =>
  reviews.map((review) => ({ ...review, reviewId: `${prefix}${review.reviewId}`, reason: `${prefix}reason` }))

describe('the compiled-key memo (SCO-7)', () => {
  it('scoring through the memo equals scoring with a freshly compiled key, whatever was scored before', () => {
    fc.assert(
      fc.property(scenario, ({ sheet, reviews, earlier, others }) => {
        const { form, key, subgroup } = sheet
        // Warm the memo with other review sets (prefixes included) and other sheets of the same form.
        for (const set of [...earlier, reviews.slice(0, -1), renamed(reviews, 'x-')])
          for (const answers of [sheet.answers, ...others])
            scoreAnswers({ form, key, answers, reviews: set, subgroup, blueprint })
        const fresh = compileKey({ form, key, reviews, blueprint })
        const memoised = compiledKeyFor({ form, key, reviews, blueprint })
        for (const answers of [sheet.answers, ...others]) {
          expect(memoised.score(answers, subgroup)).toEqual(fresh.score(answers, subgroup))
          expect(scoreAnswers({ form, key, answers, reviews, subgroup, blueprint })).toEqual(
            E.right(fresh.score(answers, subgroup)),
          )
          for (const task of form.tasks)
            expect(memoised.judge(task.id, answers[task.id])).toBe(fresh.judge(task.id, answers[task.id]))
        }
        // A structurally equal copy of the form and key (another identity) scores the same too.
        const copy = structuredClone({ form, key })
        expect(scoreAnswers({ ...copy, answers: sheet.answers, reviews, subgroup, blueprint })).toEqual(
          E.right(fresh.score(sheet.answers, subgroup)),
        )
      }),
    )
  })

  it('one compiled key serves every sheet of the same form, key and reviews', () => {
    fc.assert(
      fc.property(scenario, ({ sheet, reviews }) => {
        const first = compiledKeyFor({ ...sheet, reviews, blueprint })
        expect(compiledKeyFor({ ...sheet, reviews: [...reviews], blueprint })).toBe(first)
        expect(compiledKeyFor({ ...sheet, reviews: renamed(reviews, 'y-'), blueprint })).toBe(first)
      }),
    )
  })
})
