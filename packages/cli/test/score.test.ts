import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  type AnswerKey,
  type Answers,
  checkForm,
  DEFAULT_BLUEPRINT,
  type Form,
  type FormMismatch,
  type Review,
  type ScoreResult,
  scoreAnswers,
} from '@imtahan/domain'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { commands } from '../src/commands/index.js'
import { runScore } from '../src/commands/score.js'

const unwrap = <A>(either: E.Either<unknown, A>): A => {
  if (E.isLeft(either)) throw new Error(`expected a score, got ${JSON.stringify(either.left)}`)
  return either.right
}

const ROOT = join(import.meta.dirname, '..', '..', '..')
const EXAMPLES = 'docs/examples/score'

const run = async (args: readonly string[], cwd = ROOT) => {
  let out = ''
  let err = ''
  const code = await runScore(args, { out: (text) => (out += text), err: (text) => (err += text), cwd })
  return { code, out, err }
}

const json = async <A>(file: string): Promise<A> => JSON.parse(await readFile(join(ROOT, file), 'utf8')) as A
const example = async () => ({
  form: await json<Form>(`${EXAMPLES}/form.json`),
  key: await json<AnswerKey>(`${EXAMPLES}/key.json`),
  answers: await json<Answers>(`${EXAMPLES}/answers.json`),
  reviews: await json<Review[]>(`${EXAMPLES}/reviews.json`),
})
const files = (names: { form?: string; key?: string; answers?: string } = {}) => [
  '--form',
  names.form ?? `${EXAMPLES}/form.json`,
  '--key',
  names.key ?? `${EXAMPLES}/key.json`,
  '--answers',
  names.answers ?? `${EXAMPLES}/answers.json`,
]

/** The `npx imtahan score` line of docs/auditors.md, split as a shell would (it has no quotes). */
const documentedCommand = async (): Promise<string[]> => {
  const doc = await readFile(join(ROOT, 'docs/auditors.md'), 'utf8')
  const section = doc.slice(doc.indexOf('## Recomputing one result: imtahan score'))
  const line = section.split('\n').find((text) => text.startsWith('npx imtahan score '))!
  return line.split(/\s+/).slice(3)
}

const totalLine = (out: string) => /^score {6}(\d+) \/ (\d+)$/m.exec(out)!.slice(1).map(Number)

describe('imtahan score on the shipped examples', () => {
  it('is registered as a sub-command', () => {
    expect(commands.score?.summary).toMatch(/recompute one result/)
  })

  it('SCO-7: the example command of docs/auditors.md works as written and prints what scoreAnswers gives', async () => {
    const args = await documentedCommand()
    const { code, out, err } = await run(args)
    expect({ code, err }).toEqual({ code: 0, err: '' })
    const { form, key, answers, reviews } = await example()
    const expected = unwrap(
      scoreAnswers({
        form,
        key,
        answers,
        reviews,
        subgroup: 'AA2',
        blueprint: DEFAULT_BLUEPRINT,
      }),
    )
    expect(totalLine(out)).toEqual([expected.total.points, expected.total.max])
    expect(expected.total.points).toBe(114)
    expect(out).toContain('pass mark  112 (80% of 140, AA2)')
    expect(out).toContain('verdict    PASS')
    expect(out).toMatch(/^ {2}logic +18 \/ 42 +9 +17 +4$/m)
    expect(out).toMatch(/^ {2}closed \(QT\) +40 \/ 60 +40 +18 +2$/m)
  })

  it('SCO-5: with the review file the score rises across the pass mark, and says what it was without', async () => {
    const without = await run([...files(), '--subgroup', 'AA2'])
    expect(totalLine(without.out)).toEqual([111, 140])
    expect(without.out).toContain('verdict    FAIL')
    expect(without.out).toContain('expert reviews: none')
    const withReviews = await run([...files(), '--reviews', `${EXAMPLES}/reviews.json`, '--subgroup', 'AA2'])
    expect(totalLine(withReviews.out)).toEqual([114, 140])
    expect(withReviews.out).toContain('without them: 111 / 140 FAIL')
    expect(withReviews.out).toContain('review-2026-06-01: task inf-c7 credited to every candidate')
  })

  it('SCO-2/SCO-5: --explain judges every task and names the review that changed a judgement', async () => {
    const { out } = await run([
      ...files(),
      '--reviews',
      `${EXAMPLES}/reviews.json`,
      '--subgroup',
      'AA2',
      '--explain',
    ])
    const rows = out.split('\n').filter((line) => /^ +\d+ {2}\S/.test(line))
    expect(rows).toHaveLength(100)
    expect(out).toMatch(/az-o1 +azerbaijani +open +" {2}BAKI " +correct +2/)
    expect(out).toMatch(
      /inf-c7 +informatics +closed +"\w" +correct +1 {2}\(wrong under the key alone; review-2026-06-01\)/,
    )
    expect(out).toMatch(/log-o9 .* correct +2 {2}\(wrong under the key alone; review-2026-06-02\)/)
    expect(out).toMatch(/log-o12 +logic +open +— +unanswered +0/)
  })

  it('SCO-3: --json prints the ScoreResult, nothing else', async () => {
    const { code, out } = await run([
      ...files(),
      '--reviews',
      `${EXAMPLES}/reviews.json`,
      '--subgroup',
      'AA2',
      '--json',
    ])
    expect(code).toBe(0)
    const result = JSON.parse(out) as ScoreResult
    const { form, key, answers, reviews } = await example()
    expect(result).toEqual(
      unwrap(scoreAnswers({ form, key, answers, reviews, subgroup: 'AA2', blueprint: DEFAULT_BLUEPRINT })),
    )
    const tally = {
      points: expect.any(Number),
      max: expect.any(Number),
      correct: expect.any(Number),
      wrong: expect.any(Number),
      unanswered: expect.any(Number),
    }
    // toEqual refuses extra keys: this is the whole shape.
    expect(result).toEqual({
      total: tally,
      bySubject: { azerbaijani: tally, legislation: tally, informatics: tally, logic: tally },
      byType: { open: tally, closed: tally },
      subgroup: 'AA2',
      passMark: 112,
      passed: true,
    })
  })
})

describe('imtahan score on generated inputs and bad files', () => {
  let dir = ''
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'imtahan-cli-score-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })
  const put = async (name: string, content: unknown) => {
    const path = join(dir, name)
    await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content))
    return path
  }

  it('SCO-7: for any answer sheet and subgroup, the printed and JSON results equal scoreAnswers', async () => {
    const { form, key, reviews } = await example()
    const formFile = await put('form.json', form)
    const keyFile = await put('key.json', key)
    const reviewFile = await put('reviews.json', reviews)
    const typed = fc.constantFrom('A', 'B', ' c ', 'E', '', '  ', '3,5', '79.50', 'Bakı', 'x')
    const sheet = fc.dictionary(fc.constantFrom(...form.tasks.map((task) => task.id)), typed)
    await fc.assert(
      fc.asyncProperty(
        sheet,
        fc.constantFrom('AA1', 'AA2', 'AA3', 'AA4'),
        fc.boolean(),
        async (answers, subgroup, withReviews) => {
          const answersFile = await put('answers.json', answers)
          const args = [
            '--form',
            formFile,
            '--key',
            keyFile,
            '--answers',
            answersFile,
            '--subgroup',
            subgroup,
            ...(withReviews ? ['--reviews', reviewFile] : []),
          ]
          const expected = unwrap(
            scoreAnswers({
              form,
              key,
              answers,
              reviews: withReviews ? reviews : [],
              subgroup,
              blueprint: DEFAULT_BLUEPRINT,
            }),
          )
          const text = await run(args, dir)
          expect(totalLine(text.out)).toEqual([expected.total.points, expected.total.max])
          expect(text.out).toContain(`verdict    ${expected.passed ? 'PASS' : 'FAIL'}`)
          expect(JSON.parse((await run([...args, '--json'], dir)).out)).toEqual(expected)
        },
      ),
      { numRuns: 25 },
    )
  })

  it('SCO-4: --blueprint takes the pass marks from the file', async () => {
    const blueprint = {
      ...DEFAULT_BLUEPRINT,
      passMarks: { ...DEFAULT_BLUEPRINT.passMarks, AA2: { percent: 75, points: 105 } },
    }
    const { out } = await run([
      ...files(),
      '--subgroup',
      'AA2',
      '--blueprint',
      await put('bp.json', blueprint),
    ])
    expect(out).toContain('pass mark  105 (75% of 140, AA2)')
    expect(out).toContain('verdict    PASS')
  })

  it('exit 2 with every problem, each naming its file: missing, not JSON, wrong shape, bad subgroup', async () => {
    const broken = await put('broken.json', '{"az-o1": ')
    const shape = await put('shape.json', { 'az-o1': 42 })
    const { code, out, err } = await run(
      ['--form', join(dir, 'nope.json'), '--key', broken, '--answers', shape, '--subgroup', 'ZZ9'],
      dir,
    )
    expect(code).toBe(2)
    expect(out).toBe('')
    expect(err).toContain('--subgroup: "ZZ9" is not a subgroup')
    expect(err).toContain(`${join(dir, 'nope.json')}: cannot read it (no such file)`)
    expect(err).toMatch(new RegExp(`${broken}: not valid JSON`))
    expect(err).toContain(`${shape}: not an answer sheet: az-o1: expected string, got 42`)
  })

  it('exit 2 for a review of a task not on the form, a subgroup of another group, an inconsistent blueprint', async () => {
    const review = await put('review.json', {
      reviewId: 'r-1',
      kind: 'credit_to_all',
      taskId: 'no-such-task',
      reason: 'test',
    })
    const wrongGroup = await run([...files(), '--reviews', review, '--subgroup', 'BB2'])
    expect(wrongGroup.code).toBe(2)
    expect(wrongGroup.err).toContain(
      `${review}: review r-1: Task no-such-task is not on form form-AA-2026-06`,
    )
    expect(wrongGroup.err).toContain(
      '--subgroup: BB2 does not sit form form-AA-2026-06, which is for group AA',
    )
    const blueprint = await put('bad-bp.json', {
      ...DEFAULT_BLUEPRINT,
      passMarks: { ...DEFAULT_BLUEPRINT.passMarks, AA2: { percent: 80, points: 110 } },
    })
    const inconsistent = await run([...files(), '--subgroup', 'AA2', '--blueprint', blueprint])
    expect(inconsistent.code).toBe(2)
    expect(inconsistent.err).toContain(`${blueprint}: AA2: 80% of 140 is 112 points, not 110`)
  })

  it('EXM-1/SCO-0/SCO-2: a form that mismatches its blueprint is refused with every mismatch listed', async () => {
    const { form, key } = await example()
    const damaged: Form = {
      ...form,
      tasks: form.tasks.slice(2),
      variants: [...form.variants, { name: 'A', order: ['ghost'] }],
    }
    const badKey = { ...key, 'leg-o1': { type: 'closed', option: 'A' } } as AnswerKey
    const checked = checkForm(damaged, badKey, DEFAULT_BLUEPRINT)
    if (E.isRight(checked)) throw new Error('the damaged form should not pass')
    const mismatches = checked.left.details!.mismatches as FormMismatch[]
    expect(mismatches.length).toBeGreaterThan(5)
    const formFile = await put('damaged-form.json', damaged)
    const keyFile = await put('damaged-key.json', badKey)
    const { code, err } = await run([...files({ form: formFile, key: keyFile }), '--subgroup', 'AA2'])
    expect(code).toBe(2)
    expect(err).toContain(`does not match the blueprint of group AA (${mismatches.length} mismatches)`)
    for (const mismatch of mismatches) expect(err).toContain(mismatch.message)
  })

  it('usage: --help exits 0, an unknown or missing option exits 2 with the help', async () => {
    expect((await run(['--help'])).code).toBe(0)
    const unknown = await run(['--bogus'])
    expect(unknown.code).toBe(2)
    expect(unknown.err).toContain('usage: imtahan score')
    const missing = await run(['--form', 'x.json'])
    expect(missing.code).toBe(2)
    expect(missing.err).toContain('missing --key, --answers, --subgroup')
  })
})
