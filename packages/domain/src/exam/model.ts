import * as t from 'io-ts'
import { Id, Label } from '../values/ids.js'

/**
 * The vocabulary shared by the exam blueprint, scoring, the sitting (Exam)
 * and the candidate's session (ExamSession): RULES.md §3.1–3.2. Types are
 * inferred from the io-ts codecs so what is stored in events and what the
 * domain computes with cannot drift apart.
 */

/** §3.1 position groups: A* = administrative leadership, B* = administrative executive. */
export const GROUPS = ['AA', 'AB', 'AC', 'BA', 'BB'] as const
export const GroupCode = t.keyof({ AA: null, AB: null, AC: null, BA: null, BB: null }, 'GroupCode')
export type GroupCode = t.TypeOf<typeof GroupCode>

/** A subgroup is its group plus 1–4 (AA1 … BB4); each has its own pass mark (SCO-4). */
export const SubgroupCode = t.keyof(
  Object.fromEntries(GROUPS.flatMap((g) => [1, 2, 3, 4].map((n) => [`${g}${n}`, null]))) as Record<
    `${GroupCode}${1 | 2 | 3 | 4}`,
    null
  >,
  'SubgroupCode',
)
export type SubgroupCode = t.TypeOf<typeof SubgroupCode>

export const groupOf = (subgroup: SubgroupCode): GroupCode => subgroup.slice(0, 2) as GroupCode

/** The four subjects of every civil-service test. */
export const SUBJECTS = ['azerbaijani', 'legislation', 'informatics', 'logic'] as const
export const Subject = t.keyof(
  { azerbaijani: null, legislation: null, informatics: null, logic: null },
  'Subject',
)
export type Subject = t.TypeOf<typeof Subject>

/** AT = open-type (açıq tipli), QT = closed-type (qapalı tipli). */
export const TaskType = t.keyof({ open: null, closed: null }, 'TaskType')
export type TaskType = t.TypeOf<typeof TaskType>

/** SCO-0: a task id is stable, independent of the task's position in any variant. */
export const TaskId = Id
export type TaskId = string

/** Closed tasks offer options labelled A, B, C, … */
export const OptionLetter = t.keyof({ A: null, B: null, C: null, D: null, E: null }, 'OptionLetter')
export type OptionLetter = t.TypeOf<typeof OptionLetter>

/** What a candidate sees of a task: never its key. */
export const Task = t.intersection(
  [
    t.type({ id: TaskId, subject: Subject, type: TaskType, text: t.string }),
    t.partial({ options: t.readonlyArray(t.string) }),
  ],
  'Task',
)
export type Task = t.TypeOf<typeof Task>

/** SCO-0: a variant is the same tasks in another order, named A, B, … */
export const VariantName = t.string
export type VariantName = string

/** A test form for one group: its tasks and the orders they are shown in. */
export const Form = t.type(
  {
    formId: Id,
    group: GroupCode,
    tasks: t.readonlyArray(Task),
    variants: t.readonlyArray(t.type({ name: VariantName, order: t.readonlyArray(TaskId) })),
  },
  'Form',
)
export type Form = t.TypeOf<typeof Form>

/** SCO-2: one option letter for a closed task, one or more accepted answers for an open one. */
export const TaskKey = t.union(
  [
    t.type({ type: t.literal('closed'), option: OptionLetter }),
    t.type({ type: t.literal('open'), accepted: t.readonlyArray(t.string) }),
  ],
  'TaskKey',
)
export type TaskKey = t.TypeOf<typeof TaskKey>

/** The key of a form, by task id. */
export const AnswerKey = t.readonly(t.record(TaskId, TaskKey), 'AnswerKey')
export type AnswerKey = t.TypeOf<typeof AnswerKey>

/** A candidate's answers by task id; a task missing from the record is unanswered. */
export const Answers = t.readonly(t.record(TaskId, t.string), 'Answers')
export type Answers = t.TypeOf<typeof Answers>

/**
 * SCO-5 expert review decisions, applied on top of the key in the order they
 * were made. `credit_to_all`: the task counts as correct for every candidate
 * who sat the form, answered or not. `accept_answer`: one more accepted
 * answer (for an open task; for a closed task, one more accepted option).
 */
export const Review = t.union(
  [
    t.type({ reviewId: Id, kind: t.literal('credit_to_all'), taskId: TaskId, reason: Label }),
    t.type({
      reviewId: Id,
      kind: t.literal('accept_answer'),
      taskId: TaskId,
      answer: t.string,
      reason: Label,
    }),
  ],
  'Review',
)
export type Review = t.TypeOf<typeof Review>

/** Points and their maximum, for the total and each slice of the breakdown. */
export type Tally = {
  readonly points: number
  readonly max: number
  readonly correct: number
  readonly wrong: number
  readonly unanswered: number
}

/** SCO-3/SCO-4: the result of scoring one candidate's answers. Points are whole numbers. */
export type ScoreResult = {
  readonly total: Tally
  readonly bySubject: Readonly<Record<Subject, Tally>>
  readonly byType: Readonly<Record<TaskType, Tally>>
  readonly subgroup: SubgroupCode
  readonly passMark: number
  readonly passed: boolean
}
