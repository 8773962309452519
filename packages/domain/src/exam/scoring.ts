import * as E from 'fp-ts/lib/Either.js'
import { type DomainError, domainError } from '../kernel/errors.js'
import { type Blueprint, passMarkOf, TASK_POINTS } from './blueprint.js'
import { checkForm } from './form-check.js'
import { compileTasks, JUDGEMENTS, type Judgement, judging } from './judge.js'
import {
  type AnswerKey,
  type Answers,
  type Form,
  groupOf,
  type Review,
  type ScoreResult,
  SUBJECTS,
  type SubgroupCode,
  type Subject,
  type Tally,
  type TaskType,
} from './model.js'

/**
 * SCO-1/SCO-3/SCO-4/SCO-5/SCO-7: scoring is a pure function of the form, its
 * key, the reviews in the order they were made, the answers and the
 * subgroup's pass mark. Everything that depends only on the form is done once
 * in `compileKey`, so scoring a whole sitting (the re-score after an expert
 * review touches every session) is a tight loop.
 *
 * Counts: every task is exactly one of correct / wrong / unanswered (see
 * judge.ts); a task credited to all is `correct` for everyone, so
 * `correct + wrong + unanswered` is always the number of tasks and the points
 * always equal the correct tasks' points.
 *
 * Answers for task ids that are not on the form are ignored: the form is what
 * was asked, a stray id can neither earn nor cost points, and the session
 * aggregate is the place that refuses a command naming an unknown task.
 */

export type { Judgement } from './judge.js'

/** A form's key with the reviews applied, ready to score any number of answer sheets. */
export type CompiledKey = {
  readonly formId: string
  readonly score: (answers: Answers, subgroup: SubgroupCode) => ScoreResult
  /** One task's verdict (for the certificate and appeals); undefined for a task not on the form. */
  readonly judge: (taskId: string, answer: string | undefined) => Judgement | undefined
}

const TYPES: readonly TaskType[] = ['open', 'closed']
/** Tasks are counted per cell = (subject, type); every slice of the breakdown is a sum of cells. */
const cellOf = (subject: Subject, type: TaskType) => SUBJECTS.indexOf(subject) * 2 + TYPES.indexOf(type)
const CELLS = SUBJECTS.length * TYPES.length

const sumCells = (counts: readonly number[], max: readonly number[], cells: readonly number[]): Tally => {
  let points = 0
  let correct = 0
  let wrong = 0
  let unanswered = 0
  let maximum = 0
  for (const cell of cells) {
    const right = counts[cell * 3]!
    correct += right
    wrong += counts[cell * 3 + 1]!
    unanswered += counts[cell * 3 + 2]!
    points += right * TASK_POINTS[TYPES[cell % 2]!] // SCO-1
    maximum += max[cell]!
  }
  return { points, max: maximum, correct, wrong, unanswered }
}

const ALL_CELLS = Array.from({ length: CELLS }, (_, cell) => cell)
const cellsOfSubject = (subject: Subject) => TYPES.map((type) => cellOf(subject, type))
const cellsOfType = (type: TaskType) => SUBJECTS.map((subject) => cellOf(subject, type))
const SUBJECT_CELLS = Object.fromEntries(SUBJECTS.map((s) => [s, cellsOfSubject(s)])) as Record<
  Subject,
  number[]
>
const OPEN_CELLS = cellsOfType('open')
const CLOSED_CELLS = cellsOfType('closed')

/** Precomputes everything that depends only on the form, key and reviews (SCO-5 reviews applied in order). */
export const compileKey = (input: {
  readonly form: Form
  readonly key: AnswerKey
  readonly reviews: readonly Review[]
  readonly blueprint: Blueprint
}): CompiledKey => {
  const { form, blueprint } = input
  const tasks = compileTasks(form, input.key, input.reviews)
  const ids = tasks.map((task) => task.id)
  const cells = Int8Array.from(tasks, (task) => cellOf(task.subject, task.type))
  const indexOf = new Map(ids.map((id, index) => [id, index]))
  const judgeAt = judging(tasks)
  const max = new Array<number>(CELLS).fill(0)
  for (const task of tasks) max[cellOf(task.subject, task.type)]! += TASK_POINTS[task.type]

  const score = (answers: Answers, subgroup: SubgroupCode): ScoreResult => {
    // Not a candidate's mistake but a caller's: a session sits a form of its own subgroup's group.
    if (groupOf(subgroup) !== form.group)
      throw new RangeError(`subgroup ${subgroup} does not sit form ${form.formId} of group ${form.group}`)
    const counts = new Array<number>(CELLS * 3).fill(0)
    for (let index = 0; index < ids.length; index++)
      // No hasOwn needed: task ids (the Id codec) cannot name a string-valued Object.prototype member.
      counts[cells[index]! * 3 + judgeAt(index, answers[ids[index]!])]! += 1
    const total = sumCells(counts, max, ALL_CELLS)
    const passMark = passMarkOf(blueprint, subgroup).points
    return {
      total,
      bySubject: {
        azerbaijani: sumCells(counts, max, SUBJECT_CELLS.azerbaijani),
        legislation: sumCells(counts, max, SUBJECT_CELLS.legislation),
        informatics: sumCells(counts, max, SUBJECT_CELLS.informatics),
        logic: sumCells(counts, max, SUBJECT_CELLS.logic),
      },
      byType: { open: sumCells(counts, max, OPEN_CELLS), closed: sumCells(counts, max, CLOSED_CELLS) },
      subgroup,
      passMark,
      passed: total.points >= passMark, // SCO-4
    }
  }

  const judge = (taskId: string, answer: string | undefined): Judgement | undefined => {
    const index = indexOf.get(taskId)
    return index === undefined ? undefined : JUDGEMENTS[judgeAt(index, answer)]
  }
  return { formId: form.formId, score, judge }
}

/**
 * What a compiled key depends on in the reviews: their kinds, tasks and
 * accepted answers, in order. Not the review ids or reasons — `compileTasks`
 * reads neither — so an appeal credit for the same task shares the key of
 * every other candidate's credit for it.
 */
const reviewsSignature = (reviews: readonly Review[]): string => {
  let signature = ''
  for (const review of reviews)
    signature += JSON.stringify(
      review.kind === 'accept_answer' ? [review.taskId, review.answer] : [review.taskId],
    )
  return signature
}

/**
 * Distinct review sets kept per (form, key, blueprint). A sitting has a
 * handful of shared review sets (one per review recorded); what varies per
 * candidate is appeal credits, so the memo is bounded to keep those from
 * growing it without end.
 */
const MEMO_PER_FORM = 64

/**
 * The memo behind `compiledKeyFor`, keyed by object identity of the form,
 * key and blueprint (immutable values: decoded once from the Exam stream and
 * shared by every session of a sitting), then by the reviews' content in
 * order. Weak, so a sitting dropped from the caches takes its keys with it.
 * It is a pure function's cache: a hit returns exactly what compiling again
 * would, so no result depends on what was scored before (SCO-7).
 */
const memo = new WeakMap<Form, WeakMap<AnswerKey, WeakMap<Blueprint, Map<string, CompiledKey>>>>()

/**
 * `compileKey`, compiled once per (form, key, review set, blueprint) and
 * reused: the re-score after an expert review and every `FinishSession`
 * score thousands of sheets against the same few keys, and compiling one
 * costs far more than scoring a sheet with it.
 */
export const compiledKeyFor = (input: {
  readonly form: Form
  readonly key: AnswerKey
  readonly reviews: readonly Review[]
  readonly blueprint: Blueprint
}): CompiledKey => {
  const byKey = memo.get(input.form) ?? new WeakMap()
  memo.set(input.form, byKey)
  const byBlueprint = byKey.get(input.key) ?? new WeakMap()
  byKey.set(input.key, byBlueprint)
  const byReviews = byBlueprint.get(input.blueprint) ?? new Map<string, CompiledKey>()
  byBlueprint.set(input.blueprint, byReviews)
  const signature = reviewsSignature(input.reviews)
  const found = byReviews.get(signature)
  if (found !== undefined) return found
  const compiled = compileKey(input)
  // Oldest first out (a Map iterates in insertion order): the shared keys are made first and used most,
  // but a stale one costs only a recompile, never a different result.
  if (byReviews.size >= MEMO_PER_FORM) byReviews.delete(byReviews.keys().next().value!)
  byReviews.set(signature, compiled)
  return compiled
}

/** Everything one result is computed from (SCO-7): the same inputs always give the same result. */
export type ScoreAnswersInput = {
  readonly form: Form
  readonly key: AnswerKey
  readonly answers: Answers
  readonly reviews: readonly Review[]
  readonly subgroup: SubgroupCode
  readonly blueprint: Blueprint
}

/**
 * Why `scoreAnswers` gives no score: the form does not pass its blueprint
 * check (EXM-1, EXM-2, SCO-0, SCO-2; every mismatch is in `details.mismatches`),
 * or the subgroup does not sit the form's group.
 */
export type ScoreRefusal = DomainError & { readonly code: ScoreRefusalCode }
export type ScoreRefusalCode = 'score.form_mismatch' | 'score.group_mismatch'

/** `checkForm` once per (form, key, blueprint), keyed by identity like `compiledKeyFor`. */
const formChecks = new WeakMap<Form, WeakMap<AnswerKey, WeakMap<Blueprint, E.Either<DomainError, Form>>>>()
const checkedForm = ({ form, key, blueprint }: ScoreAnswersInput): E.Either<DomainError, Form> => {
  const byKey = formChecks.get(form) ?? new WeakMap()
  formChecks.set(form, byKey)
  const byBlueprint = byKey.get(key) ?? new WeakMap()
  byKey.set(key, byBlueprint)
  const found = byBlueprint.get(blueprint)
  if (found !== undefined) return found
  const checked = checkForm(form, key, blueprint)
  byBlueprint.set(blueprint, checked)
  return checked
}

/**
 * Scores one answer sheet (SCO-1…SCO-5, SCO-7), checking first what the
 * score depends on: the form against the blueprint (`checkForm`) and the
 * subgroup against the form's group. A refusal is a `Left`, never a throw.
 * The key is compiled once per form, key and review set (`compiledKeyFor`).
 */
export const scoreAnswers = (input: ScoreAnswersInput): E.Either<ScoreRefusal, ScoreResult> => {
  const checked = checkedForm(input)
  if (E.isLeft(checked))
    return E.left({
      ...checked.left,
      code: 'score.form_mismatch',
      message: `Form ${input.form.formId} cannot be scored: ${checked.left.message}`,
    })
  if (groupOf(input.subgroup) !== input.form.group)
    return E.left(
      domainError(
        'score.group_mismatch',
        `Subgroup ${input.subgroup} does not sit form ${input.form.formId} of group ${input.form.group}; score with a form of group ${groupOf(input.subgroup)}.`,
        { subgroup: input.subgroup, formId: input.form.formId, group: input.form.group },
      ) as ScoreRefusal,
    )
  return E.right(compiledKeyFor(input).score(input.answers, input.subgroup))
}

/**
 * SCO-6: what a result finally is. An annulled result has no score that
 * counts and never passes, whatever re-scoring happens later; the computed
 * score is not carried so nothing downstream can publish it by mistake.
 */
export type FinalOutcome =
  | { readonly status: 'scored'; readonly score: ScoreResult; readonly passed: boolean }
  | { readonly status: 'annulled'; readonly passed: false }

export const finalOutcome = (score: ScoreResult, annulled: boolean): FinalOutcome =>
  annulled ? { status: 'annulled', passed: false } : { status: 'scored', score, passed: score.passed }
