import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import {
  AnswerKey,
  Answers,
  checkForm,
  checkReview,
  DEFAULT_BLUEPRINT,
  type DomainError,
  decodeBlueprint,
  decodeWith,
  Form,
  type FormMismatch,
  groupOf,
  Review,
  type ScoreAnswersInput,
  SubgroupCode,
} from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'

/**
 * Reads the auditor's files with the domain's own codecs — the same ones the
 * events are decoded with — so a file the command accepts is one the product
 * could have scored. Every problem is collected, each prefixed with the file
 * it lies in, so the auditor fixes them all in one round.
 */

export type ScoreInputs = ScoreAnswersInput

export type ScoreFiles = {
  readonly form: string
  readonly key: string
  readonly answers: string
  readonly reviews: string | undefined
  readonly blueprint: string | undefined
  readonly subgroup: string
}

/** What went wrong with the inputs, one readable line each. Exit code 2. */
export class InputProblems extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'))
  }
}

/** A file read as JSON, or the reason it cannot be, in words. */
const readJson = async (cwd: string, file: string): Promise<E.Either<string, unknown>> => {
  let text: string
  try {
    text = await readFile(resolve(cwd, file), 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return E.left(`${file}: cannot read it (${code === 'ENOENT' ? 'no such file' : (code ?? String(error))})`)
  }
  try {
    return E.right(JSON.parse(text) as unknown)
  } catch (error) {
    return E.left(`${file}: not valid JSON (${error instanceof Error ? error.message : String(error)})`)
  }
}

/** A blueprint's arithmetic problems come as `{ rule, where, message }`. */
const describeProblem = (problem: { where?: string; message?: string }) =>
  `${problem.where === undefined ? '' : `${problem.where}: `}${problem.message ?? JSON.stringify(problem)}`

/** A codec quotes the value it refused; a whole form quoted back helps nobody, so lines are cut. */
const LINE_LIMIT = 240
const cut = (line: string) => (line.length > LINE_LIMIT ? `${line.slice(0, LINE_LIMIT - 1)}…` : line)

const problemsOf = (file: string, what: string, error: DomainError): string[] => {
  const listed = (error.details?.problems as readonly unknown[] | undefined) ?? [error.message]
  return listed.map((problem) =>
    cut(
      typeof problem === 'string'
        ? `${file}: not ${what}: ${problem}`
        : `${file}: ${describeProblem(problem as { where?: string; message?: string })}`,
    ),
  )
}

/** A review file holds one review or a list of them, in the order the board made them. */
const Reviews = t.union([t.readonlyArray(Review), Review])

const decodeFile = async <A>(
  cwd: string,
  file: string,
  what: string,
  decode: (input: unknown) => E.Either<DomainError, A>,
  problems: string[],
): Promise<A | undefined> => {
  const json = await readJson(cwd, file)
  if (E.isLeft(json)) {
    problems.push(json.left)
    return undefined
  }
  const decoded = decode(json.right)
  if (E.isRight(decoded)) return decoded.right
  problems.push(...problemsOf(file, what, decoded.left))
  return undefined
}

const mismatchLine = (mismatch: FormMismatch) =>
  `  - ${mismatch.rule} ${mismatch.kind}${mismatch.taskId === undefined ? '' : ` (task ${mismatch.taskId})`}: ${mismatch.message}`

/** Reads and checks every input; throws `InputProblems` listing everything wrong. */
export const loadInputs = async (cwd: string, files: ScoreFiles): Promise<ScoreInputs> => {
  const problems: string[] = []
  const subgroup = SubgroupCode.is(files.subgroup) ? files.subgroup : undefined
  if (subgroup === undefined)
    problems.push(`--subgroup: "${files.subgroup}" is not a subgroup (AA1 … AA4, AB1 … BB4)`)
  const form = await decodeFile(cwd, files.form, 'a form', decodeWith(Form), problems)
  const key = await decodeFile(cwd, files.key, 'an answer key', decodeWith(AnswerKey), problems)
  const answers = await decodeFile(cwd, files.answers, 'an answer sheet', decodeWith(Answers), problems)
  const reviews =
    files.reviews === undefined
      ? []
      : await decodeFile(cwd, files.reviews, 'a review or a list of reviews', decodeWith(Reviews), problems)
  const blueprint =
    files.blueprint === undefined
      ? DEFAULT_BLUEPRINT
      : await decodeFile(cwd, files.blueprint, 'a consistent blueprint', decodeBlueprint, problems)
  if (form === undefined || key === undefined || answers === undefined || blueprint === undefined)
    throw new InputProblems(problems)
  const list: readonly Review[] = reviews === undefined ? [] : Array.isArray(reviews) ? reviews : [reviews]
  const checked = checkForm(form, key, blueprint)
  if (E.isLeft(checked)) {
    const mismatches = (checked.left.details?.mismatches ?? []) as readonly FormMismatch[]
    problems.push(
      `${files.form} + ${files.key}: form ${form.formId} does not match the blueprint of group ${form.group} (${mismatches.length} mismatch${mismatches.length === 1 ? '' : 'es'}):`,
      ...mismatches.map(mismatchLine),
    )
  }
  for (const review of list) {
    const refused = checkReview(form, review)
    if (E.isLeft(refused))
      problems.push(`${files.reviews}: review ${review.reviewId}: ${refused.left.message}`)
  }
  if (subgroup !== undefined && groupOf(subgroup) !== form.group)
    problems.push(
      `--subgroup: ${subgroup} does not sit form ${form.formId}, which is for group ${form.group}`,
    )
  if (problems.length > 0 || subgroup === undefined || reviews === undefined)
    throw new InputProblems(problems)
  return { form, key, answers, reviews: list, subgroup, blueprint }
}
