import type { AnswerKey, Form, Review, Subject, TaskType } from './model.js'
import { isPlainlyNormal, normaliseOpenAnswer, readClosedAnswer } from './normalise.js'

/**
 * SCO-2/SCO-5: judging one answer to one task as correct, wrong or
 * unanswered, against the key with the expert reviews applied. Compiled once
 * per form so that scoring a sitting is mostly table look-ups.
 *
 * - `correct`: the answer matches the key or an accepted answer after
 *   normalisation, or the task was credited to all. A credited task is
 *   correct for everyone, blank answers included (seed 004 item 14: "bütün
 *   namizədlər üçün düzgün cavablandırılmış sayılır").
 * - `unanswered`: no answer, or only whitespace.
 * - `wrong`: anything else, including garbage for a closed task ("AB", "7").
 */
export type Judgement = 'correct' | 'wrong' | 'unanswered'

export const CORRECT = 0
export const WRONG = 1
export const UNANSWERED = 2
export type Outcome = typeof CORRECT | typeof WRONG | typeof UNANSWERED
export const JUDGEMENTS: readonly Judgement[] = ['correct', 'wrong', 'unanswered']

export type CompiledTask = {
  readonly id: string
  readonly subject: Subject
  readonly type: TaskType
  readonly creditedToAll: boolean
  /** Normalised accepted answers (open) or accepted option letters (closed). */
  readonly accepted: ReadonlySet<string>
}

/** Reviews in the order made: a credit is for good, accepted answers add up (SCO-5). */
export const compileTasks = (form: Form, key: AnswerKey, reviews: readonly Review[]): CompiledTask[] => {
  const credited = new Set<string>()
  const extra = new Map<string, string[]>()
  for (const review of reviews)
    if (review.kind === 'credit_to_all') credited.add(review.taskId)
    else extra.set(review.taskId, [...(extra.get(review.taskId) ?? []), review.answer])
  return form.tasks.map((task) => {
    const taskKey = Object.hasOwn(key, task.id) ? key[task.id] : undefined
    const keyed =
      taskKey?.type !== task.type ? [] : taskKey.type === 'open' ? taskKey.accepted : [taskKey.option]
    // A key of the wrong type or an unreadable extra answer accepts nothing; checkForm and checkReview refuse them first.
    const all = taskKey?.type === task.type ? [...keyed, ...(extra.get(task.id) ?? [])] : []
    const accepted =
      task.type === 'open'
        ? all.map(normaliseOpenAnswer).filter((answer) => answer !== '')
        : all.map(readClosedAnswer).filter((letter) => letter !== 'blank' && letter !== 'other')
    return {
      id: task.id,
      subject: task.subject,
      type: task.type,
      creditedToAll: credited.has(task.id),
      accepted: new Set(accepted),
    }
  })
}

/** The rule itself, for one non-empty answer to a task not credited to all. */
const judgeText = (task: CompiledTask, answer: string): Outcome => {
  // An answer typed exactly in normal form needs no normalising; sound because normalisation is idempotent.
  if (task.accepted.has(answer)) return CORRECT
  if (task.type === 'open') {
    if (isPlainlyNormal(answer)) return WRONG
    const normal = normaliseOpenAnswer(answer)
    return normal === '' ? UNANSWERED : task.accepted.has(normal) ? CORRECT : WRONG
  }
  const letter = readClosedAnswer(answer)
  return letter === 'blank' ? UNANSWERED : task.accepted.has(letter) ? CORRECT : WRONG
}

/**
 * Many candidates type the same few answers and normalising is the costly
 * part, so a judge remembers its verdicts per task (bounded). One-character
 * answers — nearly every closed answer — are precomputed by char code from
 * the same rule. Only a cache of a pure function: no result depends on it.
 */
const MEMO_LIMIT = 200_000

export const judging = (tasks: readonly CompiledTask[]) => {
  const singles = tasks.map((task) =>
    Uint8Array.from({ length: 128 }, (_, code) => judgeText(task, String.fromCharCode(code))),
  )
  const memos = tasks.map(() => new Map<string, Outcome>())
  let remembered = 0
  return (index: number, answer: unknown): Outcome => {
    const task = tasks[index]!
    if (task.creditedToAll) return CORRECT
    if (typeof answer !== 'string' || answer === '') return UNANSWERED
    if (answer.length === 1) {
      const code = answer.charCodeAt(0)
      if (code < 128) return singles[index]![code] as Outcome
    }
    const memo = memos[index]!
    let outcome = memo.get(answer)
    if (outcome === undefined) {
      outcome = judgeText(task, answer)
      if (remembered < MEMO_LIMIT) {
        memo.set(answer, outcome)
        remembered++
      }
    }
    return outcome
  }
}
