import { parseArgs } from 'node:util'
import { compileKey } from '@imtahan/domain'
import type { Command } from './command.js'
import { InputProblems, loadInputs, type ScoreFiles } from './score/inputs.js'
import { explainText, resultText } from './score/render.js'

export const SCORE_HELP = `usage: imtahan score --form <file> --key <file> --answers <file> --subgroup <code> [options]

Recomputes one result from files, as the product scores it (SCO-1…SCO-5, SCO-7):
the auditor's pocket calculator for a certificate or a complaint.

  --form <file>        the test form (JSON: formId, group, tasks, variants)
  --key <file>         its answer key (JSON: task id → {type, option} or {type, accepted})
  --answers <file>     the answer sheet (JSON: task id → answer as typed; a missing task is unanswered)
  --subgroup <code>    the candidate's subgroup, e.g. AA2 (gives the pass mark, SCO-4)
  --reviews <file>     expert reviews to apply, in the order the board made them (one or a list)
  --blueprint <file>   the blueprint to check the form against and take pass marks from
                       (default: the SPEC §3.1 tables)
  --explain            also print every task's judgement
  --json               print the result (ScoreResult) as JSON
  -h, --help           this text

The form and key are checked against the blueprint first (EXM-1, EXM-2, SCO-0,
SCO-2) and every mismatch is listed. See docs/auditors.md.
exit codes: 0 scored · 2 usage error or a file that does not read, decode or match
`

/** Where the command writes and what relative paths are relative to; tests pass their own. */
export type ScoreIo = {
  readonly out: (text: string) => void
  readonly err: (text: string) => void
  readonly cwd?: string
}

class UsageError extends Error {}

type Parsed = { readonly help: true } | (ScoreFiles & { help: false; explain: boolean; json: boolean })

const parse = (args: readonly string[]): Parsed => {
  const { values } = parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: false,
    options: {
      form: { type: 'string' },
      key: { type: 'string' },
      answers: { type: 'string' },
      reviews: { type: 'string' },
      subgroup: { type: 'string' },
      blueprint: { type: 'string' },
      explain: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) return { help: true }
  const missing = (['form', 'key', 'answers', 'subgroup'] as const).filter(
    (name) => values[name] === undefined,
  )
  if (missing.length > 0) throw new UsageError(`missing ${missing.map((name) => `--${name}`).join(', ')}`)
  return {
    help: false,
    form: values.form!,
    key: values.key!,
    answers: values.answers!,
    subgroup: values.subgroup!,
    reviews: values.reviews,
    blueprint: values.blueprint,
    explain: values.explain,
    json: values.json,
  }
}

/** Runs `imtahan score …`; 0 when scored, 2 on any usage or input problem. */
export const runScore = async (args: readonly string[], io: ScoreIo): Promise<number> => {
  let parsed: Parsed
  try {
    parsed = parse(args)
  } catch (error) {
    io.err(`imtahan score: ${error instanceof Error ? error.message : String(error)}\n\n${SCORE_HELP}`)
    return 2
  }
  if (parsed.help) {
    io.out(SCORE_HELP)
    return 0
  }
  let inputs: Awaited<ReturnType<typeof loadInputs>>
  try {
    inputs = await loadInputs(io.cwd ?? process.cwd(), parsed)
  } catch (error) {
    if (!(error instanceof InputProblems)) throw error
    io.err(`imtahan score: the inputs cannot be scored:\n${error.problems.map((p) => `${p}\n`).join('')}`)
    return 2
  }
  const { form, key, reviews, blueprint, answers, subgroup } = inputs
  const compiled = compileKey({ form, key, reviews, blueprint })
  const result = compiled.score(answers, subgroup)
  // The scorer ignores answers to tasks not on the form (scoring.ts); say so rather than hide it.
  const onForm = new Set(form.tasks.map((task) => task.id))
  const stray = Object.keys(answers).filter((taskId) => !onForm.has(taskId))
  if (stray.length > 0)
    io.err(
      `imtahan score: ${parsed.answers} answers ${stray.length} task(s) not on form ${form.formId}, ignored as the scorer ignores them: ${stray.slice(0, 10).join(', ')}${stray.length > 10 ? ', …' : ''}\n`,
    )
  if (parsed.json) {
    io.out(`${JSON.stringify(result, null, 2)}\n`)
    return 0
  }
  const bare = compileKey({ form, key, reviews: [], blueprint })
  io.out(resultText(inputs, result, bare.score(answers, subgroup), parsed.answers))
  if (parsed.explain) io.out(`\n${explainText(inputs, compiled, bare)}`)
  return 0
}

export const scoreCommand: Command = {
  summary: 'recompute one result from files (form, key, answers, reviews, subgroup)',
  run: (args) =>
    runScore(args, { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) }),
}
