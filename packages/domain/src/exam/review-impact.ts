import * as E from 'fp-ts/lib/Either.js'
import { type DomainError, domainError } from '../kernel/errors.js'
import type { Blueprint } from './blueprint.js'
import type { AnswerKey, Answers, Form, Review, SubgroupCode } from './model.js'
import { normaliseOpenAnswer, optionLetters, readClosedAnswer } from './normalise.js'
import { compiledKeyFor } from './scoring.js'

/**
 * SCO-5: an expert review must name a task of the form and, when it accepts
 * an answer, one a candidate could have given. The Exam aggregate calls this
 * before recording the review; scoring ignores reviews that would fail it.
 */
export const checkReview = (form: Form, review: Review): E.Either<DomainError, Review> => {
  const task = form.tasks.find((candidate) => candidate.id === review.taskId)
  const refuse = (message: string) =>
    E.left(domainError('exam.review_invalid', message, { formId: form.formId, taskId: review.taskId }))
  if (task === undefined)
    return refuse(`Task ${review.taskId} is not on form ${form.formId}; name a task of this form.`)
  if (review.kind === 'credit_to_all') return E.right(review)
  if (task.type === 'open')
    return normaliseOpenAnswer(review.answer) === ''
      ? refuse('A blank answer cannot be accepted; write the answer to accept.')
      : E.right(review)
  const letter = readClosedAnswer(review.answer)
  const offered = optionLetters(task.options?.length ?? 0)
  return letter !== 'blank' && letter !== 'other' && offered.includes(letter)
    ? E.right(review)
    : refuse(`Task ${task.id} is closed: accept one of its option letters ${offered.join(', ')}.`)
}

/** One candidate's result as a review finds it. Annulled results are never re-scored into counting (SCO-6). */
export type ReviewedSession = {
  readonly sessionId: string
  readonly subgroup: SubgroupCode
  readonly answers: Answers
  readonly annulled: boolean
}

export type ResultChange = {
  readonly sessionId: string
  readonly subgroup: SubgroupCode
  readonly oldScore: number
  readonly newScore: number
  readonly oldPassed: boolean
  readonly newPassed: boolean
}

export type ReviewImpact = {
  /** Every result whose score or outcome the review changes (a review never lowers a score). */
  readonly changes: readonly ResultChange[]
  /** The subset of `changes` whose pass/fail outcome flips. */
  readonly flips: readonly ResultChange[]
  /** Annulled results: the review does not touch them (SCO-6), listed so the board sees they were considered. */
  readonly annulledUnaffected: readonly string[]
}

/**
 * SCO-5 dry run: scores every session under the reviews so far and again with
 * `review` added, and reports what would change. Pure, so the board's dry run
 * and the re-score process that follows the real decision compute the same
 * list.
 */
export const reviewImpact = (input: {
  readonly form: Form
  readonly key: AnswerKey
  readonly priorReviews: readonly Review[]
  readonly review: Review
  readonly blueprint: Blueprint
  readonly sessions: readonly ReviewedSession[]
}): ReviewImpact => {
  const { form, key, blueprint } = input
  const before = compiledKeyFor({ form, key, blueprint, reviews: input.priorReviews })
  const after = compiledKeyFor({ form, key, blueprint, reviews: [...input.priorReviews, input.review] })
  const changes: ResultChange[] = []
  const annulledUnaffected: string[] = []
  for (const session of input.sessions) {
    if (session.annulled) {
      annulledUnaffected.push(session.sessionId)
      continue
    }
    const old = before.score(session.answers, session.subgroup)
    const next = after.score(session.answers, session.subgroup)
    if (old.total.points !== next.total.points || old.passed !== next.passed)
      changes.push({
        sessionId: session.sessionId,
        subgroup: session.subgroup,
        oldScore: old.total.points,
        newScore: next.total.points,
        oldPassed: old.passed,
        newPassed: next.passed,
      })
  }
  return { changes, flips: changes.filter((c) => c.oldPassed !== c.newPassed), annulledUnaffected }
}
