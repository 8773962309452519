import type { ScoreResult, Tally } from '@imtahan/domain'

/** One way a recorded result differs from the recomputed one. */
export type Difference = { readonly problem: string; readonly rule: string; readonly message: string }

const verdict = (passed: boolean) => (passed ? 'PASS' : 'FAIL')

const tallyText = (tally: Tally) =>
  `${tally.points}/${tally.max} points, ${tally.correct} correct, ${tally.wrong} wrong, ${tally.unanswered} unanswered`

const sameTally = (a: Tally, b: Tally) =>
  a.points === b.points &&
  a.max === b.max &&
  a.correct === b.correct &&
  a.wrong === b.wrong &&
  a.unanswered === b.unanswered

/** Every slice of the breakdown by name, so a difference names where it lies (SCO-3). */
const slices = (result: ScoreResult): ReadonlyArray<readonly [string, Tally]> => [
  ['total', result.total],
  ...Object.entries(result.bySubject).map(([name, tally]) => [`subject ${name}`, tally] as const),
  ...Object.entries(result.byType).map(([name, tally]) => [`type ${name}`, tally] as const),
]

/**
 * Compares field by field rather than as JSON: a store may reorder an
 * object's keys (PostgreSQL jsonb does), and the stored result may carry
 * fields the codec does not strip. The score and the verdict come first
 * because they are what a candidate was told; the breakdown is reported
 * only when they agree, so one tampered total gives one finding.
 */
export const differences = (recorded: ScoreResult, recomputed: ScoreResult): Difference[] => {
  const found: Difference[] = []
  if (recorded.total.points !== recomputed.total.points)
    found.push({
      problem: 'score',
      rule: 'SCO-7',
      message: `recorded score ${recorded.total.points}, recomputed from the events ${recomputed.total.points}`,
    })
  if (recorded.passMark !== recomputed.passMark || recorded.subgroup !== recomputed.subgroup)
    found.push({
      problem: 'pass-mark',
      rule: 'SCO-4',
      message: `recorded pass mark ${recorded.passMark} for ${recorded.subgroup}, the blueprint gives ${recomputed.passMark} for ${recomputed.subgroup}`,
    })
  if (recorded.passed !== recomputed.passed)
    found.push({
      problem: 'pass-fail',
      rule: 'SCO-4',
      message: `recorded ${verdict(recorded.passed)}, but ${recomputed.total.points} points against pass mark ${recomputed.passMark} is ${verdict(recomputed.passed)}`,
    })
  if (found.length > 0) return found
  const theirs = new Map(slices(recorded))
  const wrong = slices(recomputed).filter(([name, tally]) => {
    const other = theirs.get(name)
    return other === undefined || !sameTally(other, tally)
  })
  return wrong.length === 0
    ? []
    : [
        {
          problem: 'breakdown',
          rule: 'SCO-3',
          message: `the breakdown differs: ${wrong
            .map(([name, tally]) => {
              const other = theirs.get(name)
              return `${name} recorded ${other === undefined ? 'missing' : tallyText(other)}, recomputed ${tallyText(tally)}`
            })
            .join('; ')}`,
        },
      ]
}

export const passText = verdict
