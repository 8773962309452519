import type { ScoreResult, ScoreRevised, ScoreRevisedOnAppeal } from '@imtahan/domain'
import type { RecordedEvent } from '../../store/port.js'
import { differences, passText } from './score-compare.js'
import { rescore, reviewProblem, type Session } from './score-ledger.js'
import { type Report, reporter, type ScoreState } from './score-state.js'

type Revision = Pick<ScoreRevised, 'oldScore' | 'newScore' | 'oldPassed' | 'newPassed' | 'result'>

/**
 * What every revision must satisfy, whatever caused it (expert review or
 * appeal): it starts from the score in force (APL-6), never lowers it
 * (SCO-5), records the recomputed result (SCO-7, SCO-4) and shows verdicts
 * that are never PASS while the result is annulled (SCO-6). Then the
 * recomputed result becomes the one in force.
 */
const checkRevision = (session: Session, event: Revision, recomputed: ScoreResult, report: Report) => {
  if (event.oldScore !== session.score)
    report(
      'old-score',
      'APL-6',
      `revises from ${event.oldScore}, but the score in force, recomputed, was ${session.score}`,
    )
  if (event.newScore < event.oldScore)
    report('lowered', 'SCO-5', `lowers the score from ${event.oldScore} to ${event.newScore}`)
  if (event.newScore !== event.result.total.points)
    report(
      'score',
      'SCO-7',
      `new score ${event.newScore}, but the revised result says ${event.result.total.points}`,
    )
  for (const difference of differences(event.result, recomputed))
    report(difference.problem, difference.rule, difference.message)
  const annulled = session.annulment !== undefined
  const verdicts = [
    ['old', event.oldPassed, session.passed && !annulled],
    ['new', event.newPassed, recomputed.passed && !annulled],
  ] as const
  for (const [which, shown, expected] of verdicts)
    if (shown !== expected)
      if (annulled && shown)
        report(
          'annulled-passed',
          'SCO-6',
          `the result is annulled, yet the ${which} verdict is recorded as PASS`,
        )
      else
        report(
          'pass-fail',
          'SCO-4',
          `the ${which} verdict is recorded as ${passText(shown)}, expected ${passText(expected)}`,
        )
  session.score = recomputed.total.points
  session.passed = recomputed.passed
}

/** The session a revision belongs to, with its sitting and form; reports a revision with no end before it. */
const target = (state: ScoreState, recorded: RecordedEvent, report: Report) => {
  const session = state.sessions.get(recorded.streamId)
  if (session === undefined) {
    report('revision-before-end', 'SCO-5', 'revises a score, but the session has no recorded end before it')
    return undefined
  }
  const sitting = state.sittings.get(session.examId)
  // No sitting or form: reported at the end already; nothing can be recomputed.
  return sitting === undefined || session.form === undefined
    ? undefined
    : { session, sitting, form: session.form }
}

/** SCO-5: a re-score after an expert review, from the answers and every review applied up to it. */
export const onRevised = (state: ScoreState, recorded: RecordedEvent, event: ScoreRevised) => {
  state.revisionsChecked += 1
  const { report, done } = reporter(state, recorded)
  const found = target(state, recorded, report)
  if (found !== undefined) {
    const { session, sitting, form } = found
    if (session.applied.has(event.reviewId))
      report(
        'review-twice',
        'SCO-5',
        `applies review ${event.reviewId}, which the score in force already reflects`,
      )
    const problem = reviewProblem(sitting, form, event.reviewId)
    if (problem !== undefined) report('unknown-review', 'SCO-5', problem)
    session.applied.add(event.reviewId)
    checkRevision(session, event, rescore(sitting, form, session, session.applied), report)
  }
  done()
}

/** APL-4/APL-5: a re-score on appeal, from the answers, the reviews applied so far and every correction up to it. */
export const onAppealRevised = (state: ScoreState, recorded: RecordedEvent, event: ScoreRevisedOnAppeal) => {
  state.appealRevisionsChecked += 1
  const { report, done } = reporter(state, recorded)
  const found = target(state, recorded, report)
  if (found !== undefined) {
    const { session, sitting, form } = found
    if (session.appealRevisions.has(event.revisionId))
      report('revision-twice', 'APL-6', `records appeal revision ${event.revisionId} a second time`)
    session.appealRevisions.add(event.revisionId)
    const onForm = new Set(form.form.tasks.map((task) => task.id))
    for (const correction of event.corrections) {
      if (!onForm.has(correction.taskId))
        report(
          'unknown-task',
          'APL-4',
          `corrects task ${correction.taskId}, which is not on form ${form.form.formId}`,
        )
      const given = Object.hasOwn(session.answers, correction.taskId)
        ? session.answers[correction.taskId]
        : undefined
      const answer = given === undefined || given.trim() === '' ? null : given
      if (correction.answer !== answer)
        report(
          'correction-answer',
          'APL-4',
          `the correction of task ${correction.taskId} records an answer that is not the candidate's final one`,
        )
      session.corrected.add(correction.taskId)
    }
    checkRevision(session, event, rescore(sitting, form, session, session.applied), report)
  }
  done()
}
