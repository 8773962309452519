import fc from 'fast-check'
import {
  type AnswerKey,
  type Answers,
  DEFAULT_BLUEPRINT,
  type Form,
  GROUPS,
  type GroupCode,
  type Review,
  SUBJECTS,
  type SubgroupCode,
  type Subject,
  type Task,
  type TaskKey,
  type TaskType,
} from '../../src/index.js'

/**
 * Generators for valid forms of any group (random ids, positions, options and
 * keys), answer sheets full of blanks, garbage and near misses, and expert
 * reviews. Everything is derived from DEFAULT_BLUEPRINT, never restated.
 */

const LETTERS = ['A', 'B', 'C', 'D', 'E'] as const

export const taskIdArb = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,11}$/)

/** Short free answers in Azerbaijani, numbers with a decimal point, and random lower-case words. */
export const openAnswerArb = fc.oneof(
  fc.constantFrom('bakı', 'şəki', 'inzibati', 'qanun', 'ıslaq', '3.5', '12', '0.25', 'ikinci dərəcə'),
  fc.stringMatching(/^[a-zəöüğçşı0-9]{1,8}$/),
)

/** How an Azerbaijani writes the same answer in capitals: i → İ, ı → I. */
export const azUpper = (text: string): string => text.replace(/i/g, 'İ').replace(/ı/g, 'I').toUpperCase()

/** Ways of typing `answer` that normalise to it (SCO-2): spacing, capitals, decimal comma. */
export const nearMiss = (answer: string, way: number): string => {
  switch (way % 4) {
    case 0:
      return `  ${answer}\t`
    case 1:
      return azUpper(answer)
    case 2:
      return answer.replace(/(\d)\.(\d)/g, '$1,$2').replace(/ /g, '   ')
    default:
      return ` ${azUpper(answer).replace(/(\d)\.(\d)/g, '$1,$2')} `
  }
}

type Slot = { readonly subject: Subject; readonly type: TaskType }

const slotsOf = (group: GroupCode): Slot[] => {
  const counts = DEFAULT_BLUEPRINT.groups[group].subjects
  return SUBJECTS.flatMap((subject) =>
    (['open', 'closed'] as const).flatMap((type) =>
      Array.from({ length: counts[subject][type] }, () => ({ subject, type })),
    ),
  )
}

/** A permutation of 0..n-1 from random ranks (stable sort makes it deterministic). */
const permutationArb = (n: number) =>
  fc
    .array(fc.nat(), { minLength: n, maxLength: n })
    .map((ranks) => ranks.map((rank, index) => ({ rank, index })).sort((a, b) => a.rank - b.rank))
    .map((pairs) => pairs.map((pair) => pair.index))

export type Scenario = { readonly form: Form; readonly key: AnswerKey }

export const formArb = (groups: readonly GroupCode[] = GROUPS): fc.Arbitrary<Scenario> =>
  fc.constantFrom(...groups).chain((group) => {
    const slots = slotsOf(group)
    const n = slots.length
    return fc
      .record({
        ids: fc.uniqueArray(taskIdArb, { minLength: n, maxLength: n }),
        placement: permutationArb(n),
        options: fc.array(fc.integer({ min: 2, max: 5 }), { minLength: n, maxLength: n }),
        letters: fc.array(fc.nat(4), { minLength: n, maxLength: n }),
        accepted: fc.array(fc.uniqueArray(openAnswerArb, { minLength: 1, maxLength: 3 }), {
          minLength: n,
          maxLength: n,
        }),
        variants: fc.array(permutationArb(n), { minLength: 1, maxLength: 3 }),
      })
      .map(({ ids, placement, options, letters, accepted, variants }): Scenario => {
        const key: Record<string, TaskKey> = {}
        const tasks = placement.map((slotIndex, i): Task => {
          const { subject, type } = slots[slotIndex]!
          const id = ids[i]!
          if (type === 'open') {
            key[id] = { type, accepted: accepted[i]! }
            return { id, subject, type, text: `task ${i}` }
          }
          const count = options[i]!
          key[id] = { type, option: LETTERS[letters[i]! % count]! }
          return {
            id,
            subject,
            type,
            text: `task ${i}`,
            options: LETTERS.slice(0, count).map((l) => `option ${l}`),
          }
        })
        return {
          form: {
            formId: `form-${group}`,
            group,
            tasks,
            variants: variants.map((order, v) => ({
              name: String.fromCharCode(65 + v),
              order: order.map((j) => ids[j]!),
            })),
          },
          key,
        }
      })
  })

/** One candidate's answer to one task, or undefined for "not answered at all". */
const answerArb = (taskKey: TaskKey): fc.Arbitrary<string | undefined> => {
  const right = taskKey.type === 'closed' ? [taskKey.option as string] : [...taskKey.accepted]
  return fc.oneof(
    fc.constant(undefined),
    fc.constantFrom('', ' ', '\t \n'),
    fc.constantFrom(...right),
    fc
      .tuple(fc.constantFrom(...right), fc.nat())
      .map(([answer, way]) =>
        taskKey.type === 'closed' ? ` ${answer.toLowerCase()} ` : nearMiss(answer, way),
      ),
    taskKey.type === 'closed' ? fc.constantFrom<string>(...LETTERS, 'AB', 'a b', '1', 'Ə') : openAnswerArb,
    fc.constantFrom(' a ', '3,5', '3.5', 'İ', 'I'),
    fc.string({ maxLength: 6 }),
  )
}

export const answersArb = (scenario: Scenario): fc.Arbitrary<Answers> =>
  fc.tuple(...scenario.form.tasks.map((task) => answerArb(scenario.key[task.id]!))).map((values) => {
    const answers: Record<string, string> = {}
    scenario.form.tasks.forEach((task, i) => {
      const value = values[i]
      if (value !== undefined) answers[task.id] = value
    })
    return answers
  })

export const subgroupArb = (group: GroupCode): fc.Arbitrary<SubgroupCode> =>
  fc.constantFrom(...([1, 2, 3, 4] as const).map((n): SubgroupCode => `${group}${n}`))

/** Expert reviews of tasks of the form: credits, extra accepted answers (some a candidate might give). */
export const reviewsArb = (scenario: Scenario, maxLength = 4): fc.Arbitrary<Review[]> =>
  fc
    .array(reviewArb(scenario), { maxLength })
    .map((reviews) => reviews.map((r, i) => ({ ...r, reviewId: `r-${i}` })))

export const reviewArb = (scenario: Scenario): fc.Arbitrary<Review> =>
  fc.constantFrom(...scenario.form.tasks).chain((task) =>
    fc.oneof(
      fc.constant<Review>({
        reviewId: 'r',
        kind: 'credit_to_all',
        taskId: task.id,
        reason: 'erroneous task',
      }),
      (task.type === 'closed'
        ? fc.constantFrom<string>(...LETTERS.slice(0, task.options?.length ?? 0))
        : openAnswerArb
      ).map(
        (answer): Review => ({
          reviewId: 'r',
          kind: 'accept_answer',
          taskId: task.id,
          answer,
          reason: 'also right',
        }),
      ),
    ),
  )

/** A scenario with one answer sheet and a subgroup of the form's group. */
export const sheetArb = (groups: readonly GroupCode[] = GROUPS) =>
  formArb(groups).chain((scenario) =>
    fc.record({
      form: fc.constant(scenario.form),
      key: fc.constant(scenario.key),
      answers: answersArb(scenario),
      subgroup: subgroupArb(scenario.form.group),
    }),
  )
