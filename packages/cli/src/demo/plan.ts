import {
  DEFAULT_BLUEPRINT,
  GROUPS,
  type GroupCode,
  groupOf,
  type SubgroupCode,
  TASK_POINTS,
} from '@imtahan/domain'
import { type DemoForm, typedRight, typedWrong } from './forms.js'
import type { Random } from './random.js'

/**
 * Who the demo's candidates are and what happens to each, decided up front
 * from the seed so the story is the same on every run: most sit and finish,
 * a few are late, forget their document, stay away, run short of money, are
 * warned or removed; some run out of time; and a few sit exactly one point
 * below their pass mark in the group whose disputed task the board reviews,
 * so the review visibly flips results (SCO-5) even in a small demo.
 */
export type Fate =
  | 'sits'
  | 'absent'
  | 'late'
  | 'no_document'
  | 'short_of_money'
  | 'warned'
  | 'removed'
  | 'borderline'

export type PlannedCandidate = {
  /** The generated registry person `DEVnnnn` (docs/fixtures.md). */
  readonly n: number
  readonly subgroup: SubgroupCode
  readonly fate: Fate
  /** Probability of knowing a task's answer. */
  readonly ability: number
  /** What the candidate pays in before registering (the fee is `DEMO_FEE`). */
  readonly pays: string
  /** PAY-2 (the account lists the payment) or PAY-3 (the candidate types its code). */
  readonly credit: 'listed' | 'code'
  /** Minutes after the start at which the candidate finishes; undefined: works until the time is up. */
  readonly finishesAt?: number
}

/** A planned candidate once the demo has opened its cabinet (and, later, registered and admitted it). */
export type DemoCandidate = PlannedCandidate & {
  readonly fin: string
  readonly password: string
  readonly cabinetId: string
  readonly cabinetNumber: string
  /** Set once the registration is confirmed (fee charged, slip issued). */
  readonly sessionId?: string
  readonly slip?: { readonly slipNumber: string; readonly hallId: string; readonly seat: number }
  readonly admitted: boolean
}

export type DemoPlan = {
  readonly candidates: readonly PlannedCandidate[]
  /** The group whose disputed task the board reviews after the exam. */
  readonly reviewedGroup: GroupCode
}

export const DEMO_FEE = '15.00'
export const MIN_CANDIDATES = 20
export const SUBGROUPS: readonly SubgroupCode[] = GROUPS.flatMap((group) =>
  ([1, 2, 3, 4] as const).map((n): SubgroupCode => `${group}${n}`),
)

const share = (count: number, fraction: number, least: number) =>
  Math.max(least, Math.round(count * fraction))

export const planDemo = (count: number, first: number, random: Random): DemoPlan => {
  if (count < MIN_CANDIDATES) throw new Error(`the demo needs at least ${MIN_CANDIDATES} candidates`)
  const reviewedGroup = random.pick(GROUPS)
  // Every subgroup gets candidates: the subgroups in a random order, round robin.
  const order = random.shuffle(SUBGROUPS)
  const subgroups = Array.from({ length: count }, (_, i) => order[i % order.length]!)
  const fates = new Array<Fate>(count).fill('sits')
  const shuffled = random.shuffle(Array.from({ length: count }, (_, i) => i))
  const inReviewed = shuffled.filter((i) => groupOf(subgroups[i]!) === reviewedGroup)
  for (const i of inReviewed.slice(0, share(count, 0.015, 2))) fates[i] = 'borderline'
  const rest = shuffled.filter((i) => fates[i] === 'sits')
  const special: ReadonlyArray<readonly [Fate, number]> = [
    ['absent', share(count, 0.02, 1)],
    ['late', share(count, 0.01, 1)],
    ['no_document', 1],
    ['short_of_money', share(count, 0.01, 1)],
    ['warned', 1],
    ['removed', 1],
  ]
  let next = 0
  for (const [fate, how] of special) for (let k = 0; k < how; k++) fates[rest[next++]!] = fate
  const candidates = subgroups.map((subgroup, i): PlannedCandidate => {
    const fate = fates[i]!
    // Two uniforms averaged: most candidates know 55–80 % of the tasks, few the extremes.
    const ability = 0.42 + 0.5 * ((random.next() + random.next()) / 2)
    const works = random.next() < 0.12 || fate === 'borderline' ? undefined : 55 + random.below(120)
    return {
      n: first + i,
      subgroup,
      fate,
      ability,
      pays: fate === 'short_of_money' ? '10.00' : random.pick(['15.00', '20.00', '20.00', '30.00', '50.00']),
      credit: random.next() < 0.7 ? 'listed' : 'code',
      ...(works === undefined ? {} : { finishesAt: works }),
    }
  })
  return { candidates, reviewedGroup }
}

/**
 * The answers one candidate gives, in the order of the variant they see.
 * Borderline candidates land exactly one point under the pass mark and pick
 * the disputed task's `believed` option, which the key marks wrong.
 */
export const answersOf = (
  candidate: PlannedCandidate,
  form: DemoForm,
  order: readonly string[],
  random: Random,
): Array<readonly [string, string]> => {
  const { key, disputed } = form
  const answers: Record<string, string> = {}
  if (candidate.fate === 'borderline') {
    const target = DEFAULT_BLUEPRINT.passMarks[candidate.subgroup].points - 1
    let points = 0
    answers[disputed.taskId] = disputed.believed
    for (const taskId of random.shuffle(order)) {
      if (taskId === disputed.taskId) continue
      const taskKey = key[taskId]!
      const worth = TASK_POINTS[taskKey.type]
      const right = points + worth <= target
      if (right) points += worth
      answers[taskId] = right ? typedRight(taskKey, random) : typedWrong(taskKey, random)
    }
  } else
    for (const taskId of order) {
      const taskKey = key[taskId]!
      const roll = random.next()
      if (taskId === disputed.taskId)
        answers[taskId] = roll < candidate.ability ? disputed.believed : random.pick(['A', 'B', 'C', 'D'])
      else if (roll < candidate.ability) answers[taskId] = typedRight(taskKey, random)
      else if (random.next() < 0.2)
        continue // left blank
      else answers[taskId] = typedWrong(taskKey, random)
    }
  return order.flatMap((taskId) =>
    answers[taskId] === undefined ? [] : [[taskId, answers[taskId]!] as const],
  )
}
