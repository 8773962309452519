import { parseArgs } from 'node:util'
import { type Clock, type EventStore, systemClock } from '@imtahan/adapters'
import { EXIT, errorMessage, type Io, parseOrHelp, processIo, UsageError } from './audit/io.js'
import { openLogFromArgs, STORE_HELP, STORE_OPTIONS } from './audit/store-args.js'
import type { Command } from './command.js'
import { applyRescore, type RecordedRevision, revisionsAfter } from './rescore/apply.js'
import { type Ledger, readLedger } from './rescore/ledger.js'
import { planRescore, type RescorePlan, UnknownSittingError } from './rescore/plan.js'
import { applyText, dryRunText } from './rescore/render.js'
import { openWritableStore } from './rescore/store.js'

export const RESCORE_HELP = `usage: imtahan rescore [--exam <id> …] [--apply] [--json] [store options]

Re-scores finished results after expert reviews (SCO-5): every finished
session of the chosen sittings under its sitting's key, every recorded
review and its own appeal corrections, as the product's re-score path does.

Dry run by default: opens the store read-only and lists what would change —
session, subgroup, old → new score, pass/fail flips, the review that causes
it (annulled results are re-scored but never pass, SCO-6). Writes nothing.

  --exam <id>             only this sitting (repeat for several; default all)
  --apply                 record the revisions, through the same path the
                          application takes after a review (same derived ids):
                          a second run, or one after a crash, records nothing twice
${STORE_HELP}
  --json                  print the plan (and what was recorded) as JSON
  -h, --help              this text

A re-score never lowers a score: a history where it would is reported as a
finding and not written. Guide: docs/operators.md.
exit codes: 0 nothing (left) to change · 1 something would change, is left, or a finding ·
            2 usage error · 3 the store could not be read or written (--apply: run again)
`

const parse = (args: readonly string[]) =>
  parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: false,
    options: {
      ...STORE_OPTIONS,
      exam: { type: 'string', multiple: true },
      apply: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }).values

type Options = ReturnType<typeof parse>

/** Outside tests the clock is the system's: a revision records when it was made. */
export type RescoreDeps = { readonly clock?: Clock }

const planOf = (ledger: Ledger, options: Options, clock: Clock): RescorePlan =>
  planRescore(ledger, { ...(options.exam === undefined ? {} : { exams: options.exam }), now: clock.now() })

/** 0 only when nothing is left to change and nothing was found: a script can tell "all clear". */
const exitOf = (plan: RescorePlan) =>
  plan.changes.length === 0 && plan.findings.length === 0 ? EXIT.ok : EXIT.findings

const dryRun = async (options: Options, io: Io, clock: Clock): Promise<number> => {
  const opened = await openLogFromArgs(options, io.env)
  let ledger: Ledger
  try {
    ledger = await readLedger(opened.log)
  } finally {
    await opened.close()
  }
  const plan = planOf(ledger, options, clock)
  io.stdout.write(
    options.json
      ? `${JSON.stringify({ mode: 'dry-run', store: opened.source.name, ...plan }, null, 2)}\n`
      : dryRunText(opened.source.name, plan),
  )
  return exitOf(plan)
}

const apply = async (options: Options, io: Io, clock: Clock): Promise<number> => {
  const { store, where } = await openWritableStore(options, io.env)
  try {
    const ledger = await readLedger(store)
    const before = planOf(ledger, options, clock)
    let interrupted: string | undefined
    let revised: number | undefined
    try {
      revised = await applyRescore(store, before, { clock })
    } catch (error) {
      interrupted = errorMessage(error)
    }
    const report = { revised, ...(await outcomeOf(store, ledger, options, clock, interrupted)) }
    io.stdout.write(
      options.json
        ? `${JSON.stringify({ mode: 'apply', store: where, before, ...report }, null, 2)}\n`
        : applyText({ where, before, ...report }),
    )
    if (interrupted !== undefined) io.stderr.write(`imtahan rescore: interrupted: ${interrupted}\n`)
    return interrupted !== undefined ? EXIT.unreadable : exitOf(report.left ?? before)
  } finally {
    await store.close()
  }
}

/**
 * What landed (every `ScoreRevised` after the plan's last event) and, unless
 * the run stopped, what is still left — planned again from the log, so
 * "done" is what the store says, not what this process believes.
 */
const outcomeOf = async (
  store: EventStore,
  ledger: Ledger,
  options: Options,
  clock: Clock,
  interrupted: string | undefined,
): Promise<{
  recorded: RecordedRevision[]
  left: RescorePlan | undefined
  interrupted: string | undefined
}> => {
  let recorded: RecordedRevision[] = []
  try {
    recorded = await revisionsAfter(store, ledger.head)
  } catch {
    // The store is failing (that is why the run stopped): the next run reports from the log.
  }
  const left = interrupted === undefined ? planOf(await readLedger(store), options, clock) : undefined
  return { recorded, left, interrupted }
}

/** `imtahan rescore` with its output streams given, so tests run it in-process. */
export const runRescoreCommand = async (
  args: readonly string[],
  io: Io,
  deps: RescoreDeps = {},
): Promise<number> => {
  const options = parseOrHelp('rescore', RESCORE_HELP, parse, args, io)
  if (typeof options === 'number') return options
  const clock = deps.clock ?? systemClock
  try {
    return await (options.apply ? apply(options, io, clock) : dryRun(options, io, clock))
  } catch (error) {
    io.stderr.write(`imtahan rescore: ${errorMessage(error)}\n`)
    return error instanceof UsageError || error instanceof UnknownSittingError ? EXIT.usage : EXIT.unreadable
  }
}

export const rescoreCommand: Command = {
  summary: 're-score results after expert reviews: dry run by default, --apply to record (SCO-5)',
  run: (args) => runRescoreCommand(args, processIo()),
}
