import { describe, expect, it } from 'vitest'
import { DEFAULT_BLUEPRINT, passMarkOf } from '../../src/index.js'

/**
 * SPEC §3.1 "Pass marks per subgroup (percent of max, and points)", written
 * out row by row from the SPEC — not computed — so a changed default shows here.
 */
const SPEC_PASS_MARKS = [
  ['AA1', 85, 119],
  ['AA2', 80, 112],
  ['AA3', 75, 105],
  ['AA4', 70, 98],
  ['AB1', 85, 102],
  ['AB2', 80, 96],
  ['AB3', 75, 90],
  ['AB4', 70, 84],
  ['AC1', 80, 80],
  ['AC2', 75, 75],
  ['AC3', 70, 70],
  ['AC4', 65, 65],
  ['BA1', 85, 102],
  ['BA2', 80, 96],
  ['BA3', 75, 90],
  ['BA4', 70, 84],
  ['BB1', 80, 80],
  ['BB2', 75, 75],
  ['BB3', 70, 70],
  ['BB4', 65, 65],
] as const

describe('SPEC §3.1 pass marks', () => {
  for (const [subgroup, percent, points] of SPEC_PASS_MARKS) {
    it(`EXM-3/SCO-4: ${subgroup} passes at ${percent}% = ${points} points`, () => {
      expect(passMarkOf(DEFAULT_BLUEPRINT, subgroup)).toEqual({ percent, points })
    })
  }

  it('EXM-3: the default blueprint has exactly these 20 subgroups', () => {
    expect(Object.keys(DEFAULT_BLUEPRINT.passMarks).sort()).toEqual(
      SPEC_PASS_MARKS.map(([subgroup]) => subgroup).sort(),
    )
  })
})
