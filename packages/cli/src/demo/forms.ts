import {
  type AnswerKey,
  DEFAULT_BLUEPRINT,
  type Form,
  GROUPS,
  type GroupCode,
  type OptionLetter,
  SUBJECTS,
  type Subject,
  type Task,
  type TaskKey,
} from '@imtahan/domain'
import type { Random } from './random.js'

/**
 * Valid forms and keys for every group, generated from the blueprint (EXM-1,
 * EXM-2) — the generator the domain tests use (`buildForm`), grown for the
 * demo and the bench: seeded key letters, open answers a person would type,
 * two variants (SCO-0), and one **disputed** closed task per form whose key
 * the expert review will find wrong (SCO-5). Not a test helper: the CLI
 * seeds real stores with it, so it lives in src.
 */
export type DemoForm = {
  readonly form: Form
  readonly key: AnswerKey
  /** The closed task with two defensible options: the key says one, well-prepared candidates pick `believed`. */
  readonly disputed: { readonly taskId: string; readonly believed: OptionLetter }
}

const SHORT: Readonly<Record<Subject, string>> = {
  azerbaijani: 'az',
  legislation: 'leg',
  informatics: 'inf',
  logic: 'log',
}

const TITLE: Readonly<Record<Subject, string>> = {
  azerbaijani: 'Azərbaycan dili',
  legislation: 'Qanunvericilik',
  informatics: 'İnformatika',
  logic: 'Məntiq',
}

/** Words an open task of the language and legislation subjects may expect (SCO-2 compares them case-folded). */
const WORDS = ['Bakı', 'Konstitusiya', 'Milli Məclis', 'isim', 'feil', 'sifət', 'referendum', 'Ombudsman']
const LETTERS: readonly OptionLetter[] = ['A', 'B', 'C', 'D']

const openKey = (subject: Subject, n: number, random: Random): TaskKey =>
  subject === 'logic' || subject === 'informatics'
    ? // A decimal: candidates type "12,5" or "12.5"; both match after normalisation.
      { type: 'open', accepted: [`${10 + n},5`] }
    : { type: 'open', accepted: [random.pick(WORDS)] }

export const buildDemoForm = (group: GroupCode, random: Random): DemoForm => {
  const counts = DEFAULT_BLUEPRINT.groups[group].subjects
  const tasks: Task[] = []
  const key: Record<string, TaskKey> = {}
  for (const subject of SUBJECTS)
    for (const type of ['open', 'closed'] as const)
      for (let i = 1; i <= counts[subject][type]; i++) {
        const id = `${group.toLowerCase()}-${SHORT[subject]}-${type === 'open' ? 'o' : 'q'}${i}`
        const text = `${TITLE[subject]}: ${type === 'open' ? 'açıq' : 'qapalı'} tapşırıq ${i}`
        if (type === 'closed') {
          tasks.push({
            id,
            subject,
            type,
            text,
            options: ['variant 1', 'variant 2', 'variant 3', 'variant 4'],
          })
          key[id] = { type, option: random.pick(LETTERS) }
        } else {
          tasks.push({ id, subject, type, text })
          key[id] = openKey(subject, tasks.length, random)
        }
      }
  const closed = tasks.filter((task) => task.type === 'closed')
  const disputedTask = closed[random.below(closed.length)]!
  const printed = (key[disputedTask.id] as { option: OptionLetter }).option
  const ids = tasks.map((task) => task.id)
  return {
    form: {
      formId: `demo-${group.toLowerCase()}`,
      group,
      tasks,
      variants: [
        { name: 'A', order: ids },
        { name: 'B', order: random.shuffle(ids) },
      ],
    },
    key,
    disputed: { taskId: disputedTask.id, believed: LETTERS.find((letter) => letter !== printed)! },
  }
}

/** One form per group, in GROUPS order, from one generator so the seed decides everything. */
export const buildDemoForms = (random: Random): Readonly<Record<GroupCode, DemoForm>> =>
  Object.fromEntries(GROUPS.map((group) => [group, buildDemoForm(group, random)])) as Record<
    GroupCode,
    DemoForm
  >

/** How a candidate who knows the answer types it: open answers in the forms people use (SCO-2). */
export const typedRight = (taskKey: TaskKey, random: Random): string => {
  if (taskKey.type === 'closed') return random.next() < 0.2 ? taskKey.option.toLowerCase() : taskKey.option
  const answer = taskKey.accepted[0]!
  const roll = random.next()
  if (roll < 0.25) return answer.replace(',', '.')
  // Capitals as an Azerbaijani keyboard types them: i → İ (a plain I would read as ı, SCO-2).
  if (roll < 0.4) return answer.replace(/i/g, 'İ').toUpperCase()
  return answer
}

/** A wrong answer: another option, or an open answer that does not match. */
export const typedWrong = (taskKey: TaskKey, random: Random): string =>
  taskKey.type === 'closed'
    ? random.pick(LETTERS.filter((letter) => letter !== taskKey.option))
    : random.pick(['12', 'bilmirəm', 'Gəncə', '0,5'])
