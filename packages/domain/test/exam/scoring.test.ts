import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  compileKey,
  DEFAULT_BLUEPRINT,
  finalOutcome,
  type Review,
  type ScoreAnswersInput,
  type SubgroupCode,
  scoreAnswers,
  TASK_POINTS,
} from '../../src/index.js'
import { right } from '../support/specification.js'
import { accept, answersWith, buildForm, correctAnswer, credit, wrongAnswer } from './form-fixtures.js'

const scored = (input: ScoreAnswersInput) => right(scoreAnswers(input))

const blueprint = DEFAULT_BLUEPRINT
const aa = buildForm('AA')
const bb = buildForm('BB')
const score = (
  scenario: typeof aa,
  answers: Record<string, string>,
  reviews: Review[] = [],
  subgroup: SubgroupCode = 'AA4',
) => scored({ ...scenario, answers, reviews, subgroup, blueprint })

describe('SCO-1/SCO-3: points and breakdown', () => {
  it('SCO-1: a correct open task scores 2, a correct closed task 1, wrong or missing 0', () => {
    const open = aa.form.tasks.find((task) => task.type === 'open')!
    const closed = aa.form.tasks.find((task) => task.type === 'closed')!
    expect(score(aa, { [open.id]: correctAnswer(aa.key[open.id]!) }).total.points).toBe(TASK_POINTS.open)
    expect(score(aa, { [closed.id]: correctAnswer(aa.key[closed.id]!) }).total.points).toBe(
      TASK_POINTS.closed,
    )
    expect(score(aa, { [open.id]: 'no', [closed.id]: wrongAnswer(aa.key[closed.id]!) }).total.points).toBe(0)
    expect(score(aa, {}).total).toEqual({ points: 0, max: 140, correct: 0, wrong: 0, unanswered: 100 })
  })

  it('SCO-1: no negative marking — all wrong scores 0, not less', () => {
    expect(score(aa, answersWith(aa.form, aa.key, { open: 0, closed: 0 })).total.points).toBe(0)
  })

  it('SCO-3: a full AA sheet scores 140, reported per subject and per type with counts', () => {
    const result = score(aa, answersWith(aa.form, aa.key, { open: 40, closed: 60 }))
    expect(result.total).toEqual({ points: 140, max: 140, correct: 100, wrong: 0, unanswered: 0 })
    expect(result.byType.open).toEqual({ points: 80, max: 80, correct: 40, wrong: 0, unanswered: 0 })
    expect(result.byType.closed).toEqual({ points: 60, max: 60, correct: 60, wrong: 0, unanswered: 0 })
    // Legislation in AA: 16 AT + 24 QT = 2 × 16 + 24 = 56 points.
    expect(result.bySubject.legislation).toEqual({
      points: 56,
      max: 56,
      correct: 40,
      wrong: 0,
      unanswered: 0,
    })
  })

  it('SCO-3: correct, wrong and unanswered are counted separately; whitespace is no answer', () => {
    const [a, b, c] = bb.form.tasks
    const result = score(
      bb,
      { [a!.id]: ` ${correctAnswer(bb.key[a!.id]!).toLowerCase()} `, [b!.id]: 'AB', [c!.id]: '  ' },
      [],
      'BB1',
    )
    expect(result.total).toEqual({ points: 1, max: 100, correct: 1, wrong: 1, unanswered: 98 })
  })

  it('SCO-2: an open task accepts every listed answer after normalisation ("3,5" = "3.5", "BAKI" = "bakı")', () => {
    const open = aa.form.tasks.find((task) => task.type === 'open')!
    const taskKey = aa.key[open.id]!
    const decimal = taskKey.type === 'open' ? taskKey.accepted[0]! : 'not an open task'
    expect(decimal).toMatch(/^\d+,5$/)
    for (const typed of [decimal, decimal.replace(',', '.'), ' Bakı', 'BAKI'])
      expect(score(aa, { [open.id]: typed }).total.points).toBe(2)
    expect(score(aa, { [open.id]: 'BAKİ' }).total.points).toBe(0) // dotted İ is another letter than ı
  })

  it('SCO-3: answers for tasks not on the form are ignored', () => {
    const base = answersWith(aa.form, aa.key, { open: 3, closed: 4 })
    expect(score(aa, { ...base, 'not-on-form': 'A', other: 'Bakı' })).toEqual(score(aa, base))
  })

  it('SCO-3: task ids that are Object.prototype members are read as answers, never inherited', () => {
    const renamed = new Map(
      bb.form.tasks.slice(0, 3).map((t, i) => [t.id, ['constructor', 'toString', 'valueOf'][i]!]),
    )
    const rename = (id: string) => renamed.get(id) ?? id
    const form = {
      ...bb.form,
      tasks: bb.form.tasks.map((t) => ({ ...t, id: rename(t.id) })),
      variants: bb.form.variants.map((v) => ({ ...v, order: v.order.map(rename) })),
    }
    const key = Object.fromEntries(form.tasks.map((t, i) => [t.id, bb.key[bb.form.tasks[i]!.id]!]))
    const result = scored({
      form,
      key,
      answers: { valueOf: correctAnswer(bb.key[bb.form.tasks[2]!.id]!) },
      reviews: [],
      subgroup: 'BB1',
      blueprint,
    })
    expect(result.total).toMatchObject({ points: 1, correct: 1, unanswered: 99 })
  })
})

describe("SCO-4: pass ⇔ score ≥ the pass mark of the candidate's subgroup", () => {
  it('SCO-4: in AA4 (70% = 98 of 140) exactly 98 passes and 97 fails', () => {
    const at98 = score(aa, answersWith(aa.form, aa.key, { open: 40, closed: 18 }))
    const at97 = score(aa, answersWith(aa.form, aa.key, { open: 40, closed: 17 }))
    expect([at98.total.points, at98.passMark, at98.passed]).toEqual([98, 98, true])
    expect([at97.total.points, at97.passMark, at97.passed]).toEqual([97, 98, false])
  })

  it('SCO-4: the same 98 points fail in AA1 (85% = 119)', () => {
    const result = score(aa, answersWith(aa.form, aa.key, { open: 40, closed: 18 }), [], 'AA1')
    expect([result.passMark, result.passed]).toEqual([119, false])
  })

  it('SCO-4: pass marks come from the blueprint given, not from the code', () => {
    const strict = { ...blueprint, passMarks: { ...blueprint.passMarks, AA4: { percent: 75, points: 105 } } }
    const answers = answersWith(aa.form, aa.key, { open: 40, closed: 18 })
    expect(scored({ ...aa, answers, reviews: [], subgroup: 'AA4', blueprint: strict }).passed).toBe(false)
  })

  it('SCO-4: a subgroup of another group is refused as a value (score.group_mismatch), not thrown', () => {
    const refused = scoreAnswers({ ...aa, answers: {}, reviews: [], subgroup: 'BB1', blueprint })
    expect(E.isLeft(refused) && refused.left).toMatchObject({
      code: 'score.group_mismatch',
      message: expect.stringMatching(/does not sit form/),
    })
  })

  it('EXM-1 before SCO-1: a form that fails its blueprint check is refused (score.form_mismatch), not scored', () => {
    const twoTasks = { ...aa.form, tasks: aa.form.tasks.slice(0, 2) }
    const refused = scoreAnswers({
      ...aa,
      form: twoTasks,
      answers: {},
      reviews: [],
      subgroup: 'AA1',
      blueprint,
    })
    expect(E.isLeft(refused) && refused.left).toMatchObject({
      code: 'score.form_mismatch',
      details: { mismatches: expect.arrayContaining([expect.objectContaining({ rule: 'EXM-1' })]) },
    })
  })
})

describe('SCO-5: expert review', () => {
  const open = aa.form.tasks.find((task) => task.type === 'open')!
  const closed = aa.form.tasks.find((task) => task.type === 'closed')!

  it('SCO-5: an erroneous task counts as correct for every candidate — right, wrong or blank', () => {
    const reviews = [credit(closed.id)]
    const right = { [closed.id]: correctAnswer(aa.key[closed.id]!) }
    const wrong = { [closed.id]: wrongAnswer(aa.key[closed.id]!) }
    for (const answers of [right, wrong, {}]) {
      const result = score(aa, answers, reviews)
      expect(result.total).toMatchObject({ points: 1, correct: 1, wrong: 0, unanswered: 99 })
    }
  })

  it('SCO-5: an accepted additional answer re-scores only the candidates who gave it', () => {
    const reviews = [accept(open.id, 'Baku')]
    expect(score(aa, { [open.id]: 'BAKU ' }, reviews).total.points).toBe(2)
    expect(score(aa, { [open.id]: 'BAKU ' }).total.points).toBe(0)
    expect(score(aa, { [open.id]: 'Gəncə' }, reviews).total.points).toBe(0)
  })

  it('SCO-5: an extra accepted option of a closed task is one more right letter', () => {
    const other = wrongAnswer(aa.key[closed.id]!)
    expect(score(aa, { [closed.id]: other.toLowerCase() }, [accept(closed.id, other)]).total.points).toBe(1)
  })

  it('SCO-5: reviews of tasks not on the form change nothing', () => {
    const answers = answersWith(aa.form, aa.key, { open: 5, closed: 5 })
    expect(score(aa, answers, [credit('elsewhere'), accept('elsewhere', 'x')])).toEqual(score(aa, answers))
  })
})

describe('SCO-6/SCO-7', () => {
  it('SCO-6: an annulled result never passes and carries no score', () => {
    const full = score(aa, answersWith(aa.form, aa.key, { open: 40, closed: 60 }))
    expect(full.passed).toBe(true)
    expect(finalOutcome(full, true)).toEqual({ status: 'annulled', passed: false })
    expect(finalOutcome(full, false)).toEqual({ status: 'scored', score: full, passed: true })
  })

  it('SCO-7: a compiled key gives the same result on every call and equals one-off scoring', () => {
    const compiled = compileKey({ ...aa, reviews: [credit(open(aa))], blueprint })
    const answers = answersWith(aa.form, aa.key, { open: 20, closed: 30 })
    const first = compiled.score(answers, 'AA2')
    expect(compiled.score(answers, 'AA2')).toEqual(first)
    expect(scored({ ...aa, answers, reviews: [credit(open(aa))], subgroup: 'AA2', blueprint })).toEqual(first)
    expect(compiled.judge(open(aa), undefined)).toBe('correct')
    expect(compiled.judge('missing', 'A')).toBeUndefined()
  })
})

function open(scenario: typeof aa): string {
  return scenario.form.tasks.find((task) => task.type === 'open')!.id
}
