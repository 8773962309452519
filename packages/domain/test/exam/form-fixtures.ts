import {
  type AnswerKey,
  type Answers,
  DEFAULT_BLUEPRINT,
  type Form,
  type GroupCode,
  type OptionLetter,
  type Review,
  SUBJECTS,
  type Task,
  type TaskKey,
} from '../../src/index.js'

/**
 * A valid form of `group` built straight from the blueprint's numbers: tasks
 * `<prefix>-<n>` per subject and type, closed tasks with four options and keys
 * cycling A–D, open tasks accepting `<n>,5` (a decimal) and a word.
 */
export const buildForm = (group: GroupCode, prefix = 'q'): { form: Form; key: AnswerKey } => {
  const counts = DEFAULT_BLUEPRINT.groups[group].subjects
  const tasks: Task[] = []
  const key: Record<string, TaskKey> = {}
  for (const subject of SUBJECTS)
    for (const type of ['open', 'closed'] as const)
      for (let i = 0; i < counts[subject][type]; i++) {
        const n = tasks.length
        const id = `${prefix}-${n}`
        if (type === 'closed') {
          tasks.push({ id, subject, type, text: `Question ${n}`, options: ['one', 'two', 'three', 'four'] })
          key[id] = { type, option: (['A', 'B', 'C', 'D'] as const)[n % 4]! }
        } else {
          tasks.push({ id, subject, type, text: `Question ${n}` })
          key[id] = { type, accepted: [`${n},5`, 'Bakı'] }
        }
      }
  const ids = tasks.map((task) => task.id)
  return {
    form: {
      formId: `form-${group}`,
      group,
      tasks,
      variants: [
        { name: 'A', order: ids },
        { name: 'B', order: [...ids].reverse() },
      ],
    },
    key,
  }
}

/** The answer the key expects, as the candidate would type it. */
export const correctAnswer = (taskKey: TaskKey): string =>
  taskKey.type === 'closed' ? taskKey.option : taskKey.accepted[0]!

/** A closed answer that is a real option but not the key. */
export const otherLetter = (letter: OptionLetter): OptionLetter => (letter === 'A' ? 'B' : 'A')

export const wrongAnswer = (taskKey: TaskKey): string =>
  taskKey.type === 'closed' ? otherLetter(taskKey.option) : 'certainly not this'

/**
 * Answers with exactly `open` open tasks and `closed` closed tasks right (the
 * first ones of the form) and every other task answered wrongly.
 */
export const answersWith = (
  form: Form,
  key: AnswerKey,
  right: { readonly open: number; readonly closed: number },
): Answers => {
  const left = { ...right }
  const answers: Record<string, string> = {}
  for (const task of form.tasks) {
    const taskKey = key[task.id]!
    answers[task.id] = left[task.type]-- > 0 ? correctAnswer(taskKey) : wrongAnswer(taskKey)
  }
  return answers
}

export const credit = (taskId: string, reviewId = `r-${taskId}`): Review => ({
  reviewId,
  kind: 'credit_to_all',
  taskId,
  reason: 'Expert review: the task has no correct option',
})

export const accept = (
  taskId: string,
  answer: string,
  reviewId = `r-${taskId}-${answer.length}`,
): Review => ({
  reviewId,
  kind: 'accept_answer',
  taskId,
  answer,
  reason: 'Expert review: this answer is also right',
})
