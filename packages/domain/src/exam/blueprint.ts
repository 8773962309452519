import { Decimal } from 'decimal.js'
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { decodeWith } from '../kernel/codec.js'
import { type DomainError, domainError } from '../kernel/errors.js'
import {
  GROUPS,
  type GroupCode,
  groupOf,
  SUBJECTS,
  type SubgroupCode,
  type Subject,
  type TaskType,
} from './model.js'

/**
 * RULES.md §3.1: the civil-service test blueprint as data. The defaults below are
 * the tables of seed 004 (item 11); an operator may replace them, so nothing
 * in scoring knows a number from these tables — it reads them from here, and
 * `checkBlueprint` refuses a definition that contradicts itself (EXM-2, EXM-3).
 */

/** SCO-1: a correct closed task scores 1, a correct open task 2 (seed 004, item 10). A rule, not data. */
export const TASK_POINTS: Readonly<Record<TaskType, number>> = { open: 2, closed: 1 }

/** EXM-2: open-type tasks are used only in AA, AB and BA (seed 004, item 10). A rule, not data. */
export const GROUPS_WITH_OPEN_TASKS: readonly GroupCode[] = ['AA', 'AB', 'BA']

const Count = new t.Type<number, number, unknown>(
  'Count',
  (u): u is number => typeof u === 'number' && Number.isSafeInteger(u) && u >= 0,
  (input, context) =>
    typeof input === 'number' && Number.isSafeInteger(input) && input >= 0
      ? t.success(input)
      : t.failure(input, context, `expected a whole number of 0 or more, got ${JSON.stringify(input)}`),
  (n) => n,
)

const Percent = new t.Type<number, number, unknown>(
  'Percent',
  (u): u is number => typeof u === 'number' && u > 0 && u <= 100,
  (input, context) =>
    typeof input === 'number' && input > 0 && input <= 100
      ? t.success(input)
      : t.failure(
          input,
          context,
          `expected a percentage above 0 and at most 100, got ${JSON.stringify(input)}`,
        ),
  (n) => n,
)

const SubjectCounts = t.readonly(t.type({ open: Count, closed: Count }), 'SubjectCounts')

export const GroupBlueprint = t.readonly(
  t.type({
    tasks: Count,
    open: Count,
    closed: Count,
    maxPoints: Count,
    subjects: t.readonly(
      t.type(
        Object.fromEntries(SUBJECTS.map((s) => [s, SubjectCounts])) as Record<Subject, typeof SubjectCounts>,
      ),
    ),
  }),
  'GroupBlueprint',
)
export type GroupBlueprint = t.TypeOf<typeof GroupBlueprint>

/** A pass mark is stated twice, as a percent of the maximum and as points, so EXM-3 can compare them. */
export const PassMark = t.readonly(t.type({ percent: Percent, points: Count }), 'PassMark')
export type PassMark = t.TypeOf<typeof PassMark>

const SUBGROUPS = GROUPS.flatMap((g) => ([1, 2, 3, 4] as const).map((n): SubgroupCode => `${g}${n}`))

export const Blueprint = t.readonly(
  t.type({
    groups: t.readonly(
      t.type(
        Object.fromEntries(GROUPS.map((g) => [g, GroupBlueprint])) as Record<
          GroupCode,
          typeof GroupBlueprint
        >,
      ),
    ),
    passMarks: t.readonly(
      t.type(
        Object.fromEntries(SUBGROUPS.map((s) => [s, PassMark])) as Record<SubgroupCode, typeof PassMark>,
      ),
    ),
  }),
  'Blueprint',
)
export type Blueprint = t.TypeOf<typeof Blueprint>

/** One row of the first table: AT/QT per subject in the order Az. language, Legislation, Informatics, Logic. */
const group = (maxPoints: number, perSubject: readonly (readonly [number, number])[]): GroupBlueprint => {
  const subjects = Object.fromEntries(
    SUBJECTS.map((subject, i) => [subject, { open: perSubject[i]![0], closed: perSubject[i]![1] }]),
  ) as Record<Subject, { open: number; closed: number }>
  const open = perSubject.reduce((sum, [at]) => sum + at, 0)
  const closed = perSubject.reduce((sum, [, qt]) => sum + qt, 0)
  return { tasks: open + closed, open, closed, maxPoints, subjects }
}

/** One row of the pass-mark table: [percent, points] for subgroups 1–4, both as printed. */
const marks = (code: GroupCode, rows: readonly (readonly [number, number])[]) =>
  rows.map(([percent, points], i) => [`${code}${i + 1}`, { percent, points }] as const)

/** RULES.md §3.1 / seed 004 item 11, transcribed as printed; `checkBlueprint` proves the numbers agree. */
export const DEFAULT_BLUEPRINT: Blueprint = {
  groups: {
    AA: group(140, [
      [6, 9],
      [16, 24],
      [6, 9],
      [12, 18],
    ]),
    AB: group(120, [
      [3, 12],
      [8, 32],
      [3, 12],
      [6, 24],
    ]),
    AC: group(100, [
      [0, 15],
      [0, 40],
      [0, 15],
      [0, 30],
    ]),
    BA: group(120, [
      [3, 12],
      [8, 32],
      [3, 12],
      [6, 24],
    ]),
    BB: group(100, [
      [0, 15],
      [0, 40],
      [0, 15],
      [0, 30],
    ]),
  },
  passMarks: Object.fromEntries([
    ...marks('AA', [
      [85, 119],
      [80, 112],
      [75, 105],
      [70, 98],
    ]),
    ...marks('AB', [
      [85, 102],
      [80, 96],
      [75, 90],
      [70, 84],
    ]),
    ...marks('AC', [
      [80, 80],
      [75, 75],
      [70, 70],
      [65, 65],
    ]),
    ...marks('BA', [
      [85, 102],
      [80, 96],
      [75, 90],
      [70, 84],
    ]),
    ...marks('BB', [
      [80, 80],
      [75, 75],
      [70, 70],
      [65, 65],
    ]),
  ]) as Record<SubgroupCode, PassMark>,
}

export const passMarkOf = (blueprint: Blueprint, subgroup: SubgroupCode): PassMark =>
  blueprint.passMarks[subgroup]

/** A contradiction inside a blueprint; `where` is a group, a subgroup or `group.subject`. */
export type BlueprintProblem = { readonly rule: string; readonly where: string; readonly message: string }

const groupProblems = (code: GroupCode, g: GroupBlueprint): BlueprintProblem[] => {
  const problems: BlueprintProblem[] = []
  const add = (rule: string, where: string, message: string) => problems.push({ rule, where, message })
  if (g.open + g.closed !== g.tasks)
    add(
      'EXM-1',
      code,
      `${g.open} AT + ${g.closed} QT = ${g.open + g.closed}, but the group has ${g.tasks} tasks`,
    )
  for (const type of ['open', 'closed'] as const) {
    const sum = SUBJECTS.reduce((total, subject) => total + g.subjects[subject][type], 0)
    if (sum !== g[type])
      add(
        'EXM-1',
        code,
        `the subjects add up to ${sum} ${label(type)} tasks, but the group total is ${g[type]}`,
      )
  }
  const max = g.open * TASK_POINTS.open + g.closed * TASK_POINTS.closed
  if (max !== g.maxPoints)
    add('SCO-1', code, `maximum ${g.maxPoints} points, but 2 × ${g.open} AT + 1 × ${g.closed} QT = ${max}`)
  if (!GROUPS_WITH_OPEN_TASKS.includes(code))
    for (const subject of SUBJECTS)
      if (g.subjects[subject].open > 0)
        add('EXM-2', `${code}.${subject}`, `group ${code} may not have open (AT) tasks`)
  return problems
}

const markProblems = (subgroup: SubgroupCode, mark: PassMark, max: number): BlueprintProblem[] => {
  // decimal.js, not floats: 72.5 % of 140 must be compared exactly (EXM-3 says "exactly").
  const exact = new Decimal(mark.percent).times(max).dividedBy(100)
  if (!Number.isInteger(mark.points))
    return [{ rule: 'EXM-3', where: subgroup, message: `a pass mark is whole points, not ${mark.points}` }]
  if (!exact.equals(mark.points))
    return [
      {
        rule: 'EXM-3',
        where: subgroup,
        message: `${mark.percent}% of ${max} is ${exact.toString()} points, not ${mark.points}`,
      },
    ]
  return []
}

const label = (type: TaskType) => (type === 'open' ? 'open (AT)' : 'closed (QT)')

/**
 * EXM-1/EXM-2/EXM-3/SCO-1: refuses a blueprint that contradicts itself, with
 * every problem in `details.problems`. Structure is the codec's job
 * (`decodeBlueprint`); this checks the arithmetic.
 */
export const checkBlueprint = (blueprint: Blueprint): E.Either<DomainError, Blueprint> => {
  const problems = [
    ...GROUPS.flatMap((code) => groupProblems(code, blueprint.groups[code])),
    ...SUBGROUPS.flatMap((subgroup) =>
      markProblems(subgroup, blueprint.passMarks[subgroup], blueprint.groups[groupOf(subgroup)].maxPoints),
    ),
  ]
  return problems.length === 0
    ? E.right(blueprint)
    : E.left(
        domainError(
          'exam.blueprint_inconsistent',
          `The blueprint contradicts itself: ${problems.map((p) => `${p.where}: ${p.message}`).join('; ')}. Correct these numbers and submit it again.`,
          { problems },
        ),
      )
}

/** Reads a blueprint supplied by an operator (JSON): shape first (`validation.invalid_input`), then arithmetic. */
export const decodeBlueprint = (input: unknown): E.Either<DomainError, Blueprint> =>
  E.chain(checkBlueprint)(decodeWith(Blueprint)(input))
