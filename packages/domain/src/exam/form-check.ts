import * as E from 'fp-ts/lib/Either.js'
import { type DomainError, domainError } from '../kernel/errors.js'
import type { Blueprint } from './blueprint.js'
import { GROUPS_WITH_OPEN_TASKS } from './blueprint.js'
import { type AnswerKey, type Form, SUBJECTS, type Task, type TaskType } from './model.js'
import { normaliseOpenAnswer, optionLetters } from './normalise.js'

/**
 * One way a form (with its key) differs from what the blueprint and SCO-0/2
 * require. `kind` is stable for clients; `message` is for the board member
 * who has to fix the form.
 */
export type FormMismatch = {
  readonly rule: 'EXM-1' | 'EXM-2' | 'SCO-0' | 'SCO-2'
  readonly kind: string
  readonly message: string
  readonly taskId?: string
  readonly variant?: string
}

type Report = (mismatch: FormMismatch) => void

/** A closed task offers 2 to 5 options (A–E): fewer is not a choice, more cannot be answered. */
const MIN_OPTIONS = 2
const MAX_OPTIONS = 5

const typeLabel = (type: TaskType) => (type === 'open' ? 'open (AT)' : 'closed (QT)')

/** EXM-1/EXM-2: the task counts, overall and per subject and type. */
const checkCounts = (form: Form, blueprint: Blueprint, report: Report) => {
  const group = blueprint.groups[form.group]
  if (form.tasks.length !== group.tasks)
    report({
      rule: 'EXM-1',
      kind: 'task_count',
      message: `group ${form.group} needs ${group.tasks} tasks; the form has ${form.tasks.length}`,
    })
  for (const subject of SUBJECTS)
    for (const type of ['open', 'closed'] as const) {
      const expected = group.subjects[subject][type]
      const found = form.tasks.filter((task) => task.subject === subject && task.type === type).length
      if (found !== expected)
        report({
          rule: 'EXM-1',
          kind: 'subject_count',
          message: `${subject}: expected ${expected} ${typeLabel(type)} tasks, found ${found}`,
        })
    }
  if (!GROUPS_WITH_OPEN_TASKS.includes(form.group))
    for (const task of form.tasks.filter((t) => t.type === 'open'))
      report({
        rule: 'EXM-2',
        kind: 'open_task_not_allowed',
        taskId: task.id,
        message: `task ${task.id} is open (AT), but group ${form.group} has only closed tasks`,
      })
}

/** SCO-0: task ids are unique and every variant shows each task exactly once. */
const checkIdsAndVariants = (form: Form, report: Report) => {
  const ids = new Set<string>()
  for (const task of form.tasks) {
    if (ids.has(task.id))
      report({
        rule: 'SCO-0',
        kind: 'duplicate_task',
        taskId: task.id,
        message: `task id ${task.id} is used twice`,
      })
    ids.add(task.id)
  }
  if (form.variants.length === 0)
    report({ rule: 'SCO-0', kind: 'no_variants', message: 'the form has no variant to show to candidates' })
  const names = new Set<string>()
  for (const variant of form.variants) {
    const at = { variant: variant.name }
    if (names.has(variant.name))
      report({
        rule: 'SCO-0',
        kind: 'duplicate_variant',
        ...at,
        message: `variant ${variant.name} is defined twice`,
      })
    names.add(variant.name)
    const seen = new Set<string>()
    for (const id of variant.order) {
      if (!ids.has(id))
        report({
          rule: 'SCO-0',
          kind: 'variant_unknown_task',
          ...at,
          taskId: id,
          message: `variant ${variant.name} shows task ${id}, which is not on the form`,
        })
      else if (seen.has(id))
        report({
          rule: 'SCO-0',
          kind: 'variant_repeats_task',
          ...at,
          taskId: id,
          message: `variant ${variant.name} shows task ${id} more than once`,
        })
      seen.add(id)
    }
    for (const id of ids)
      if (!seen.has(id))
        report({
          rule: 'SCO-0',
          kind: 'variant_missing_task',
          ...at,
          taskId: id,
          message: `variant ${variant.name} leaves out task ${id}`,
        })
  }
}

/** SCO-2: every task has a key of its own type that a candidate can actually give. */
const checkTaskKey = (task: Task, key: AnswerKey, report: Report) => {
  const at = { taskId: task.id }
  const options = task.options?.length ?? 0
  if (task.type === 'closed' && (options < MIN_OPTIONS || options > MAX_OPTIONS))
    report({
      rule: 'SCO-2',
      kind: 'closed_task_options',
      ...at,
      message: `closed task ${task.id} has ${options} options; it needs ${MIN_OPTIONS} to ${MAX_OPTIONS} (A–E)`,
    })
  const taskKey = Object.hasOwn(key, task.id) ? key[task.id] : undefined
  if (taskKey === undefined) {
    report({ rule: 'SCO-2', kind: 'key_missing', ...at, message: `task ${task.id} has no key` })
    return
  }
  if (taskKey.type !== task.type) {
    report({
      rule: 'SCO-2',
      kind: 'key_type',
      ...at,
      message: `task ${task.id} is ${typeLabel(task.type)} but its key is for a ${typeLabel(taskKey.type)} task`,
    })
    return
  }
  if (taskKey.type === 'closed' && options >= MIN_OPTIONS && !optionLetters(options).includes(taskKey.option))
    report({
      rule: 'SCO-2',
      kind: 'key_option_out_of_range',
      ...at,
      message: `the key of task ${task.id} is ${taskKey.option}, but the task only offers ${optionLetters(options).join(', ')}`,
    })
  if (taskKey.type === 'open' && !taskKey.accepted.some((answer) => normaliseOpenAnswer(answer) !== ''))
    report({
      rule: 'SCO-2',
      kind: 'key_no_accepted_answer',
      ...at,
      message: `open task ${task.id} has no accepted answer (blank answers do not count)`,
    })
}

const checkKey = (form: Form, key: AnswerKey, report: Report) => {
  for (const task of form.tasks) checkTaskKey(task, key, report)
  const ids = new Set(form.tasks.map((task) => task.id))
  for (const id of Object.keys(key))
    if (!ids.has(id))
      report({
        rule: 'SCO-2',
        kind: 'key_for_unknown_task',
        taskId: id,
        message: `the key names task ${id}, which is not on the form`,
      })
}

/**
 * EXM-1/EXM-2/SCO-0/SCO-2: accepts a form and its key only if they match the
 * group's blueprint exactly; otherwise refuses with every mismatch listed in
 * `details.mismatches`, so the board fixes the form in one round.
 */
export const checkForm = (form: Form, key: AnswerKey, blueprint: Blueprint): E.Either<DomainError, Form> => {
  const mismatches: FormMismatch[] = []
  const report: Report = (mismatch) => mismatches.push(mismatch)
  checkCounts(form, blueprint, report)
  checkIdsAndVariants(form, report)
  checkKey(form, key, report)
  if (mismatches.length === 0) return E.right(form)
  const shown = mismatches.slice(0, 5).map((m) => m.message)
  const more = mismatches.length > shown.length ? `; and ${mismatches.length - shown.length} more` : ''
  return E.left(
    domainError(
      'exam.form_mismatch',
      `Form ${form.formId} does not match the blueprint of group ${form.group} (${mismatches.length} mismatch${mismatches.length === 1 ? '' : 'es'}): ${shown.join('; ')}${more}. Correct the form and its key, then define it again.`,
      { formId: form.formId, group: form.group, mismatches },
    ),
  )
}
