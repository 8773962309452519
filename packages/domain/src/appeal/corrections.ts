import * as E from 'fp-ts/lib/Either.js'
import type { AppealCorrection, AppliedCorrection } from '../exam/session/appeal-codecs.js'
import { type DomainError, domainError } from '../kernel/errors.js'
import type { AppealFiled } from './events.js'

/**
 * APL-4/APL-5: corrected judgements are about the disputed tasks only, each
 * once; "answer accepted" needs an answer (for a blank, credit the task).
 * Each correction is returned with the answer the candidate gave.
 */
export const checkCorrections = (
  filed: AppealFiled,
  corrections: readonly AppealCorrection[],
  who: string,
): E.Either<DomainError, readonly AppliedCorrection[]> => {
  const ids = corrections.map((correction) => correction.taskId)
  const twice = ids.filter((taskId, index) => ids.indexOf(taskId) !== index)
  if (twice.length > 0)
    return E.left(
      domainError(
        'appeal.invalid_corrections',
        `Each task is corrected once; ${twice.join(', ')} appears twice.`,
        {
          taskIds: [...new Set(twice)],
        },
      ),
    )
  const disputed = new Map(filed.disputed.map((task) => [task.taskId, task.answer]))
  const outside = ids.filter((taskId) => !disputed.has(taskId))
  if (outside.length > 0)
    return E.left(
      domainError(
        'appeal.task_not_disputed',
        `${who} can correct only the disputed tasks (${[...disputed.keys()].join(', ')}); not disputed: ${outside.join(', ')}.`,
        { taskIds: outside },
      ),
    )
  const applied = corrections.map((correction) => ({
    taskId: correction.taskId,
    kind: correction.kind,
    answer: disputed.get(correction.taskId) ?? null,
  }))
  const blank = applied.filter(
    (correction) => correction.kind === 'answer_accepted' && correction.answer === null,
  )
  if (blank.length > 0)
    return E.left(
      domainError(
        'appeal.no_answer_to_accept',
        `Task ${blank.map((c) => c.taskId).join(', ')} was left blank, so there is no answer to accept; credit the task instead.`,
        { taskIds: blank.map((c) => c.taskId) },
      ),
    )
  return E.right(applied)
}
