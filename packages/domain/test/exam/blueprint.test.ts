import { describe, expect, it } from 'vitest'
import {
  type Blueprint,
  checkBlueprint,
  DEFAULT_BLUEPRINT,
  decodeBlueprint,
  GROUPS,
  passMarkOf,
  SUBJECTS,
  TASK_POINTS,
} from '../../src/index.js'
import { left, right } from '../support/specification.js'

type Problem = { rule: string; where: string; message: string }
const problemsOf = (blueprint: Blueprint): Problem[] => {
  const error = left(checkBlueprint(blueprint))
  expect(error.code).toBe('exam.blueprint_inconsistent')
  return error.details?.problems as Problem[]
}

/** A deep copy with one change, so the default is never mutated. */
type Mutable<T> = { -readonly [K in keyof T]: Mutable<T[K]> }
const edited = (change: (copy: Mutable<Blueprint>) => void): Blueprint => {
  const copy = structuredClone(DEFAULT_BLUEPRINT) as Mutable<Blueprint>
  change(copy)
  return copy
}

describe('the default blueprint (SPEC §3.1)', () => {
  it('EXM-1/EXM-2/EXM-3/SCO-1: the tables of seed 004 are consistent', () => {
    expect(right(checkBlueprint(DEFAULT_BLUEPRINT))).toBe(DEFAULT_BLUEPRINT)
  })

  it('EXM-1: every group has 100 tasks, AT + QT, split over the four subjects as in the table', () => {
    const row = (code: keyof Blueprint['groups']) => {
      const g = DEFAULT_BLUEPRINT.groups[code]
      return [
        g.open,
        g.closed,
        g.maxPoints,
        ...SUBJECTS.map((s) => `${g.subjects[s].open}/${g.subjects[s].closed}`),
      ]
    }
    expect(GROUPS.map((code) => DEFAULT_BLUEPRINT.groups[code].tasks)).toEqual([100, 100, 100, 100, 100])
    expect(row('AA')).toEqual([40, 60, 140, '6/9', '16/24', '6/9', '12/18'])
    expect(row('AB')).toEqual([20, 80, 120, '3/12', '8/32', '3/12', '6/24'])
    expect(row('AC')).toEqual([0, 100, 100, '0/15', '0/40', '0/15', '0/30'])
    expect(row('BA')).toEqual(row('AB'))
    expect(row('BB')).toEqual(row('AC'))
  })

  it('EXM-3: pass marks are data; AA4 is 70% = 98 of 140, BB4 65% = 65 of 100', () => {
    expect(passMarkOf(DEFAULT_BLUEPRINT, 'AA4')).toEqual({ percent: 70, points: 98 })
    expect(passMarkOf(DEFAULT_BLUEPRINT, 'AA1')).toEqual({ percent: 85, points: 119 })
    expect(passMarkOf(DEFAULT_BLUEPRINT, 'AB2')).toEqual({ percent: 80, points: 96 })
    expect(passMarkOf(DEFAULT_BLUEPRINT, 'AC1')).toEqual({ percent: 80, points: 80 })
    expect(passMarkOf(DEFAULT_BLUEPRINT, 'BB4')).toEqual({ percent: 65, points: 65 })
  })

  it('SCO-1: a correct open task is worth 2 points, a closed one 1', () => {
    expect(TASK_POINTS).toEqual({ open: 2, closed: 1 })
  })
})

describe('checkBlueprint refuses a definition that contradicts itself', () => {
  it('EXM-3: a pass mark whose points disagree with its percent is refused', () => {
    const problems = problemsOf(edited((bp) => (bp.passMarks.AA4.points = 97)))
    expect(problems).toEqual([{ rule: 'EXM-3', where: 'AA4', message: '70% of 140 is 98 points, not 97' }])
  })

  it('EXM-3: a percent that gives a fraction of a point is refused (exact arithmetic, no rounding)', () => {
    const problems = problemsOf(edited((bp) => (bp.passMarks.AC3 = { percent: 72.5, points: 72 })))
    expect(problems).toEqual([
      { rule: 'EXM-3', where: 'AC3', message: '72.5% of 100 is 72.5 points, not 72' },
    ])
    const fractional = problemsOf(edited((bp) => (bp.passMarks.AC3 = { percent: 72.5, points: 72.5 })))
    expect(fractional.map((p) => p.rule)).toEqual(['EXM-3'])
  })

  it('EXM-3: a percent with decimals that lands on whole points is accepted (87.5% of 120 = 105)', () => {
    const blueprint = edited((bp) => (bp.passMarks.AB1 = { percent: 87.5, points: 105 }))
    expect(right(checkBlueprint(blueprint)).passMarks.AB1.points).toBe(105)
  })

  it('EXM-1: subjects that do not add up to the group totals are refused', () => {
    const problems = problemsOf(edited((bp) => (bp.groups.AB.subjects.logic.closed = 23)))
    expect(problems).toEqual([
      {
        rule: 'EXM-1',
        where: 'AB',
        message: 'the subjects add up to 79 closed (QT) tasks, but the group total is 80',
      },
    ])
  })

  it('SCO-1: a maximum other than 2 × AT + 1 × QT is refused', () => {
    const problems = problemsOf(
      edited((bp) => {
        bp.groups.AA.maxPoints = 150
      }),
    )
    expect(problems.filter((p) => p.rule === 'SCO-1')).toEqual([
      { rule: 'SCO-1', where: 'AA', message: 'maximum 150 points, but 2 × 40 AT + 1 × 60 QT = 140' },
    ])
  })

  it('EXM-2: open tasks in AC or BB are refused, in BA they are allowed', () => {
    const problems = problemsOf(
      edited((bp) => {
        bp.groups.BB.subjects.logic = { open: 2, closed: 28 }
        bp.groups.BB.open = 2
        bp.groups.BB.closed = 98
        bp.groups.BB.maxPoints = 102
        bp.groups.AC.subjects.informatics = { open: 1, closed: 14 }
      }),
    )
    expect(problems.filter((p) => p.rule === 'EXM-2').map((p) => p.where)).toEqual([
      'AC.informatics',
      'BB.logic',
    ])
    expect(DEFAULT_BLUEPRINT.groups.BA.open).toBeGreaterThan(0)
  })

  it('EXM-1/EXM-3: every problem is listed, not only the first', () => {
    const problems = problemsOf(
      edited((bp) => {
        bp.groups.AA.tasks = 99
        bp.passMarks.BB2.points = 74
        bp.passMarks.AC1.points = 81
      }),
    )
    expect(problems.map((p) => `${p.rule} ${p.where}`)).toEqual(['EXM-1 AA', 'EXM-3 AC1', 'EXM-3 BB2'])
  })

  it('decodeBlueprint: an operator-supplied blueprint is decoded, then checked', () => {
    const json = JSON.parse(JSON.stringify(DEFAULT_BLUEPRINT))
    expect(right(decodeBlueprint(json))).toEqual(DEFAULT_BLUEPRINT)
    json.passMarks.AA2.points = 111
    expect(left(decodeBlueprint(json)).code).toBe('exam.blueprint_inconsistent')
  })

  it('decodeBlueprint: a malformed blueprint is refused with a readable message', () => {
    const json = JSON.parse(JSON.stringify(DEFAULT_BLUEPRINT))
    json.groups.AB.open = -1
    json.passMarks.BB1.percent = 180
    delete json.passMarks.AC3
    const error = left(decodeBlueprint(json))
    expect(error.code).toBe('validation.invalid_input')
    expect(error.message).toContain('groups.AB.open: expected a whole number of 0 or more, got -1')
    expect(error.message).toContain(
      'passMarks.BB1.percent: expected a percentage above 0 and at most 100, got 180',
    )
    expect(error.message).toContain('passMarks.AC3')
  })
})
