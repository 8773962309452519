import {
  type CompiledKey,
  passMarkOf,
  type Review,
  type ScoreResult,
  SUBJECTS,
  TASK_POINTS,
  type Tally,
} from '@imtahan/domain'
import type { ScoreInputs } from './inputs.js'

/**
 * The human side of `imtahan score`: what a candidate's certificate says
 * (EXM-17) laid out so an auditor can hold it next to the one on file —
 * score, pass mark, verdict, the breakdown per subject and per type (SCO-3),
 * and with `--explain` the judgement of every task.
 */

const verdict = (result: ScoreResult) => (result.passed ? 'PASS' : 'FAIL')

const row = (label: string, tally: Tally) =>
  `  ${label.padEnd(14)}${`${tally.points} / ${tally.max}`.padStart(10)}${String(tally.correct).padStart(9)}${String(tally.wrong).padStart(7)}${String(tally.unanswered).padStart(12)}`

const reviewText = (review: Review) =>
  review.kind === 'credit_to_all'
    ? `${review.reviewId}: task ${review.taskId} credited to every candidate (${review.reason})`
    : `${review.reviewId}: task ${review.taskId} also accepts "${review.answer}" (${review.reason})`

export const resultText = (
  inputs: ScoreInputs,
  result: ScoreResult,
  withoutReviews: ScoreResult,
  answersFile: string,
): string => {
  const { form, subgroup, reviews, blueprint } = inputs
  const mark = passMarkOf(blueprint, subgroup)
  const lines = [
    `form ${form.formId} (group ${form.group}), subgroup ${subgroup}, answers ${answersFile}`,
    ...(reviews.length === 0
      ? ['expert reviews: none (the key as defined)']
      : [
          `expert reviews applied, in order (SCO-5):`,
          ...reviews.map((review) => `  ${reviewText(review)}`),
          `  without them: ${withoutReviews.total.points} / ${withoutReviews.total.max} ${verdict(withoutReviews)}`,
        ]),
    '',
    `score      ${result.total.points} / ${result.total.max}`,
    `pass mark  ${result.passMark} (${mark.percent}% of ${result.total.max}, ${subgroup})`,
    `verdict    ${verdict(result)}`,
    '',
    `  ${'by subject'.padEnd(14)}${'points'.padStart(10)}${'correct'.padStart(9)}${'wrong'.padStart(7)}${'unanswered'.padStart(12)}`,
    ...SUBJECTS.map((subject) => row(subject, result.bySubject[subject])),
    '  by type',
    row('open (AT)', result.byType.open),
    row('closed (QT)', result.byType.closed),
    row('total', result.total),
    '',
  ]
  return lines.join('\n')
}

/**
 * One line per task in the form's order: the answer as given (quoted, so
 * stray spaces show), the judgement, the points, and which review changed
 * the judgement when one did.
 */
export const explainText = (inputs: ScoreInputs, key: CompiledKey, bare: CompiledKey): string => {
  const header = `  ${'#'.padStart(3)}  ${'task'.padEnd(16)} ${'subject'.padEnd(12)} ${'type'.padEnd(7)} ${'answer'.padEnd(20)} ${'judgement'.padEnd(11)} points`
  const lines = inputs.form.tasks.map((task, index) => {
    const answer = Object.hasOwn(inputs.answers, task.id) ? inputs.answers[task.id] : undefined
    const judgement = key.judge(task.id, answer) ?? 'unanswered'
    const before = bare.judge(task.id, answer)
    const by = inputs.reviews.filter((review) => review.taskId === task.id).map((review) => review.reviewId)
    const note = before !== judgement ? `  (${before} under the key alone; ${by.join(', ')})` : ''
    const shown = answer === undefined ? '—' : JSON.stringify(answer)
    const points = judgement === 'correct' ? TASK_POINTS[task.type] : 0
    return `  ${String(index + 1).padStart(3)}  ${task.id.padEnd(16)} ${task.subject.padEnd(12)} ${task.type.padEnd(7)} ${shown.padEnd(20)} ${judgement.padEnd(11)} ${String(points).padStart(6)}${note}`
  })
  return ['per task (SCO-1, SCO-2):', header, ...lines, ''].join('\n')
}
