import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { type DomainError, domainError, type ErrorCode } from '../../kernel/errors.js'
import type { GroupCode, Review, TaskKey } from '../model.js'
import { readClosedAnswer } from '../normalise.js'
import { checkReview } from '../review-impact.js'
import type { RecordExpertReview } from './commands.js'
import type { ExamContext } from './context.js'
import type { ExamDefined, ExamEvent, ExpertReviewRecorded } from './events.js'
import { afterTheExam, defined } from './guards.js'
import { sameAnswer } from './rules.js'
import { sameData } from './same.js'
import type { ExamState } from './state.js'

type Decision = E.Either<DomainError, readonly ExamEvent[]>

const refuse = (code: ErrorCode, message: string, details: Record<string, unknown>): Decision =>
  E.left(domainError(code, message, details))

/** The groups whose form holds the task (task ids are stable across forms, SCO-0), with the task's key there. */
const keysOf = (definition: ExamDefined, taskId: string): ReadonlyArray<readonly [GroupCode, TaskKey]> =>
  definition.forms.flatMap(({ form, key }) => {
    const taskKey = key[taskId]
    return form.tasks.some((task) => task.id === taskId) && taskKey !== undefined
      ? [[form.group, taskKey] as const]
      : []
  })

/** Would the review change nothing for anyone? Then it is refused, so every recorded review means something. */
const redundancy = (
  review: Review,
  keys: ReadonlyArray<readonly [GroupCode, TaskKey]>,
  earlier: readonly Review[],
) => {
  const sameTask = earlier.filter((previous) => previous.taskId === review.taskId)
  if (sameTask.some((previous) => previous.kind === 'credit_to_all'))
    return 'the task is already credited to every candidate'
  if (review.kind === 'credit_to_all') return undefined
  const accepted = keys.every(([, key]) =>
    key.type === 'closed'
      ? key.option === readClosedAnswer(review.answer)
      : key.accepted.some((answer) => sameAnswer(answer, review.answer)),
  )
  const acceptedBefore = sameTask.some(
    (previous) => previous.kind === 'accept_answer' && sameAnswer(previous.answer, review.answer),
  )
  return accepted || acceptedBefore ? `the answer "${review.answer}" is already accepted` : undefined
}

/**
 * SCO-5: the board's expert review, after the exam. Task ids name the task
 * wherever it appears, so one review covers every form holding it.
 */
export const recordExpertReview = (
  command: RecordExpertReview,
  state: ExamState,
  context: ExamContext,
): Decision =>
  pipe(
    defined(state, command.examId),
    E.chainFirst(({ times }) => afterTheExam(times, context.now, 'An expert review can be recorded')),
    E.chain(({ definition }): Decision => {
      const { review } = command
      const previous = state.reviews.find((recorded) => recorded.review.reviewId === review.reviewId)
      if (previous !== undefined)
        return sameData(previous.review, review)
          ? E.right([])
          : refuse(
              'exam.review_id_reused',
              `Review id ${review.reviewId} was already used for another review.`,
              {
                reviewId: review.reviewId,
              },
            )
      const keys = keysOf(definition, review.taskId)
      if (keys.length === 0)
        return refuse('exam.unknown_task', `No form of this sitting has task ${review.taskId}.`, {
          taskId: review.taskId,
        })
      const invalid = definition.forms
        .filter(({ form }) => keys.some(([group]) => group === form.group))
        .map(({ form }) => checkReview(form, review))
        .find(E.isLeft)
      if (invalid !== undefined) return invalid
      const redundant = redundancy(
        review,
        keys,
        state.reviews.map((recorded) => recorded.review),
      )
      if (redundant !== undefined)
        return refuse('exam.review_redundant', `This review changes nothing: ${redundant}.`, {
          taskId: review.taskId,
        })
      const event: ExpertReviewRecorded = {
        type: 'ExpertReviewRecorded',
        examId: command.examId,
        review,
        groups: keys.map(([group]) => group),
        decidedBy: command.decidedBy,
        decidedAt: context.now,
      }
      return E.right([event])
    }),
  )
