import * as E from 'fp-ts/lib/Either.js'
import type { Answers } from '../model.js'
import type { FormWithKey } from '../sitting/events.js'
import type { AppealCorrection, AppliedCorrection, ApplyAppealCorrections } from './appeal-codecs.js'
import { correctionsAsReviews } from './appeal-credits.js'
import type { SessionContext } from './context.js'
import { type Decision, nothing, refuse } from './decision.js'
import type { SessionEvent } from './events.js'
import { formFor, revisionOf, type Scored, scoreSession } from './score.js'
import type { SessionState } from './state.js'

const answerOf = (answers: Answers, taskId: string): string | null => {
  const given = Object.hasOwn(answers, taskId) ? answers[taskId] : undefined
  return given === undefined || given.trim() === '' ? null : given
}

const offForm = (form: FormWithKey, corrections: readonly AppealCorrection[]): string[] => {
  const onForm = new Set(form.form.tasks.map((task) => task.id))
  return corrections.map((correction) => correction.taskId).filter((taskId) => !onForm.has(taskId))
}

/**
 * APL-4/APL-5/APL-6: an upheld appeal (or a court ruling) re-scores the
 * session from its own final answers, the expert reviews it has absorbed,
 * earlier corrections and these ones. Like an expert review's re-score:
 * the old score stays in the history, a repeat or a correction that changes
 * nothing records nothing, a lower score is refused (impossible: a correction
 * only ever credits), and an annulled result is re-scored but never passes
 * while annulled (SCO-6).
 */
export const applyAppealCorrections = (
  command: ApplyAppealCorrections,
  state: SessionState,
  context: SessionContext,
): Decision => {
  const { ended, result, subgroup } = state
  if (ended === undefined || result === undefined || subgroup === undefined)
    return refuse(
      'session.no_result',
      'This session has no result to correct: the candidate did not sit the exam or it has not ended.',
    )
  if (state.appealRevisions.some((revision) => revision.revisionId === command.revisionId)) return nothing
  const form = formFor(context.sitting, subgroup)
  if (E.isLeft(form)) return form
  const unknown = offForm(form.right, command.corrections)
  if (unknown.length > 0)
    return refuse('session.unknown_task', `Not tasks of this session's form: ${unknown.join(', ')}.`, {
      taskIds: unknown,
    })
  const corrections: AppliedCorrection[] = command.corrections.map((correction) => ({
    ...correction,
    answer: answerOf(ended.answers, correction.taskId),
  }))
  const blank = corrections.filter(
    (correction) => correction.kind === 'answer_accepted' && correction.answer === null,
  )
  if (blank.length > 0)
    return refuse(
      'session.no_answer_to_accept',
      `Task ${blank.map((c) => c.taskId).join(', ')} was left blank, so there is no answer to accept; credit the task instead.`,
      { taskIds: blank.map((c) => c.taskId) },
    )
  const absorbed = new Set(state.reviewIds)
  const scored = scoreSession(
    context.sitting,
    subgroup,
    ended.answers,
    (review) => absorbed.has(review.reviewId),
    [...state.appealCredits, ...correctionsAsReviews(command.revisionId, corrections)],
  )
  return E.chain(({ result: revised }: Scored): Decision => {
    if (revised.total.points === result.total.points) return nothing
    if (revised.total.points < result.total.points)
      return refuse(
        'session.rescore_would_lower',
        `Appeal ${command.appealId} would lower the score from ${result.total.points} to ${revised.total.points}; a correction never lowers a score.`,
        { appealId: command.appealId, oldScore: result.total.points, newScore: revised.total.points },
      )
    const event: SessionEvent = {
      type: 'ScoreRevisedOnAppeal',
      sessionId: command.sessionId,
      revisionId: command.revisionId,
      appealId: command.appealId,
      by: command.by,
      corrections,
      reason: command.reason,
      ...revisionOf(result, revised, state.annulment !== undefined),
      at: context.now,
    }
    return E.right([event])
  })(scored)
}
