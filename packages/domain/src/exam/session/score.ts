import * as E from 'fp-ts/lib/Either.js'
import { type DomainError, domainError } from '../../kernel/errors.js'
import { type Answers, groupOf, type Review, type ScoreResult, type SubgroupCode } from '../model.js'
import { compiledKeyFor } from '../scoring.js'
import type { FormWithKey } from '../sitting/events.js'
import { formOf, type SittingView } from './context.js'

export type Scored = {
  readonly formId: string
  readonly result: ScoreResult
  /** The reviews reflected in the result (only those about a task of this form). */
  readonly reviewIds: readonly string[]
}

export const formFor = (sitting: SittingView, subgroup: SubgroupCode): E.Either<DomainError, FormWithKey> => {
  const found = formOf(sitting, groupOf(subgroup))
  return found === undefined
    ? E.left(
        domainError('session.group_not_offered', `This sitting has no form for group ${groupOf(subgroup)}.`, {
          group: groupOf(subgroup),
        }),
      )
    : E.right(found)
}

/** A form's task ids, once per form: a re-score asks for them once per session, 10,000 times. */
const taskIds = new WeakMap<FormWithKey['form'], ReadonlySet<string>>()
const taskIdsOf = (form: FormWithKey['form']): ReadonlySet<string> => {
  let ids = taskIds.get(form)
  if (ids === undefined) {
    ids = new Set(form.tasks.map((task) => task.id))
    taskIds.set(form, ids)
  }
  return ids
}

/**
 * SCO-7: the score is a pure function of the form, its key, the reviews
 * (in the order the board made them, filtered by `include`) and the answers.
 */
export const scoreSession = (
  sitting: SittingView,
  subgroup: SubgroupCode,
  answers: Answers,
  include: (review: Review) => boolean = () => true,
  /** Per-session credits (appeal corrections, appeal-revision.ts): scored, never listed as reviews. */
  sessionCredits: readonly Review[] = [],
): E.Either<DomainError, Scored> =>
  E.map(({ form, key }: FormWithKey): Scored => {
    const onForm = taskIdsOf(form)
    const reviews = sitting.reviews.filter((review) => onForm.has(review.taskId) && include(review))
    return {
      formId: form.formId,
      // The form passed checkForm when the sitting was defined, and formFor picked it by the subgroup's group.
      result: compiledKeyFor({
        form,
        key,
        reviews: [...reviews, ...sessionCredits.filter((credit) => onForm.has(credit.taskId))],
        blueprint: sitting.blueprint,
      }).score(answers, subgroup),
      reviewIds: reviews.map((review) => review.reviewId),
    }
  })(formFor(sitting, subgroup))

/**
 * What every revision records of the change (SCO-5, APL-6): old and new
 * score and pass/fail, and the new result. An annulled result keeps being
 * re-scored, because a court may reverse the annulment, but never passes (SCO-6).
 */
export const revisionOf = (before: ScoreResult, after: ScoreResult, annulled: boolean) => ({
  oldScore: before.total.points,
  newScore: after.total.points,
  oldPassed: before.passed && !annulled,
  newPassed: after.passed && !annulled,
  result: after,
})
