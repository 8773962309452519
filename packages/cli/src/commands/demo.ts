import { parseArgs } from 'node:util'
import {
  createDevSmsSender,
  createFinFingerprint,
  createFixtureRegistry,
  createHmacCodeHasher,
  createImtahan,
  createScryptPasswordHasher,
  createTestClock,
  logAuditSource,
  runAudit,
} from '@imtahan/adapters'
import { deriveKey } from '@imtahan/http'
import { MIN_CANDIDATES } from '../demo/plan.js'
import { demoJson, type LookAt, renderSummary } from '../demo/render.js'
import { runDemo } from '../demo/seed.js'
import { DemoStepFailed } from '../demo/steps.js'
import { summarise } from '../demo/summary.js'
import { openBacking } from '../serve/backing.js'
import { DEFAULT_PORT, type ServeOptions } from '../serve/options.js'
import { loadServerSecret } from '../serve/secret.js'
import {
  describeStore,
  parseStoreSelection,
  STORE_KINDS,
  STORE_OPTIONS,
  type StoreSelection,
  storeHelp,
  UsageError,
} from '../store-options.js'
import type { Command } from './command.js'

export const DEMO_HELP = `usage: imtahan demo [options]

Seeds one realistic sitting on an empty store, through the application (the
same decisions as the API): cabinets, payments, a sitting with a form per
group, candidates in all 20 subgroups registering, admitted (or not), answering,
finishing, one expert review that flips results, and publication. Then prints
what happened and how to look at it with \`npx imtahan serve\`.

${storeHelp(STORE_KINDS)}
  --candidates <n>        how many candidates (default 300, at least ${MIN_CANDIDATES}; people DEV0000…)
  --seed <n>              the same seed gives the same people, answers and review (default 1)
  --starts-at <instant>   the sitting's start (default: three days ago, 10:00 Baku)
  --json                  print the summary (money in manat, as strings) and the audit as JSON
  -h, --help              this text

The store must be empty: the demo's people (DEVnnnn FINs) can hold one cabinet each.
`

export type DemoArgs = {
  readonly selection: StoreSelection
  readonly candidates: number
  readonly seed: number
  readonly startsAt: Date
  readonly json: boolean
}

const whole = (value: string, what: string, least: number): number => {
  const n = Number(value)
  if (!Number.isSafeInteger(n) || n < least)
    throw new UsageError(`${what} must be a whole number ≥ ${least}, got "${value}"`)
  return n
}

/** Three days before today at 10:00 Baku (06:00 UTC): published yesterday, the appeal window still open. */
const defaultStart = (now: Date) => {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 6))
  return new Date(day.getTime() - 3 * 24 * 3_600_000)
}

export const parseDemoArgs = (
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  now = new Date(),
): DemoArgs | 'help' => {
  const { values } = parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: false,
    options: {
      ...STORE_OPTIONS,
      candidates: { type: 'string' },
      seed: { type: 'string' },
      'starts-at': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) return 'help'
  const startsAt = values['starts-at'] === undefined ? defaultStart(now) : new Date(values['starts-at'])
  if (Number.isNaN(startsAt.getTime()))
    throw new UsageError(`--starts-at is not an instant: "${values['starts-at']}"`)
  return {
    selection: parseStoreSelection(values, env),
    candidates: whole(values.candidates ?? '300', '--candidates', MIN_CANDIDATES),
    seed: whole(values.seed ?? '1', '--seed', 0),
    startsAt,
    json: values.json === true,
  }
}

/** The board key printed for `imtahan serve`: derived from the seed, so the printed lines stay the same. */
const boardKeyOf = (seed: number) => `demo-board-key-${String(seed).padStart(6, '0')}`

const serveArgsOf = (selection: StoreSelection): string | undefined => {
  const schema = selection.schema === 'imtahan' ? '' : ` --schema ${selection.schema}`
  switch (selection.store) {
    case 'memory':
      return undefined
    case 'pglite':
      return `--data-dir ${selection.dataDir}${schema}`
    case 'postgres':
      return `--store postgres --database-url '<the same URL>'${schema}`
    default:
      return `--store eventstoredb --eventstore-url '<the same URL>'`
  }
}

export type DemoIo = { readonly out: (text: string) => void; readonly err: (text: string) => void }

/** `imtahan demo` without the process plumbing; returns the exit code. */
export const runDemoCommand = async (
  args: readonly string[],
  io: DemoIo,
  env = process.env,
): Promise<number> => {
  let parsed: DemoArgs | 'help'
  try {
    parsed = parseDemoArgs(args, env)
  } catch (error) {
    io.err(`imtahan demo: ${error instanceof Error ? error.message : String(error)}\n\n${DEMO_HELP}`)
    return 2
  }
  if (parsed === 'help') {
    io.out(DEMO_HELP)
    return 0
  }
  const { selection } = parsed
  // The same secret as `imtahan serve` on this store, or serve could not find the demo's FINs (CAB-3).
  const secret = await loadServerSecret(selection.store, selection.dataDir, env.IMTAHAN_SECRET)
  const backing = await openBacking(storeOnly(selection))
  try {
    const existing = await backing.store.readAll({ maxCount: 1 })
    if (existing.length > 0) {
      io.err(
        `imtahan demo: ${describeStore(selection)} already holds events; the demo seeds an empty store.\n` +
          'Use another --data-dir (or --schema), or remove the folder first.\n',
      )
      return 1
    }
    const clock = createTestClock(parsed.startsAt)
    const sms = createDevSmsSender()
    const app = createImtahan({
      store: backing.store,
      registry: createFixtureRegistry(),
      sms,
      // A lighter scrypt cost than serve's: hundreds of invented people in seconds; the cost travels with each hash.
      passwordHasher: createScryptPasswordHasher({ N: 2 ** 12, r: 8, p: 1 }),
      codeHasher: createHmacCodeHasher(deriveKey(secret, 'confirmation-codes')),
      finFingerprint: createFinFingerprint(deriveKey(secret, 'fin-fingerprint')),
      clock,
      checkpoints: backing.checkpoints,
      // The demo's views are built where serve will read them, so its first start has nothing to catch up.
      ...(backing.readModels === undefined ? {} : { readModels: backing.readModels }),
    })
    io.err(`imtahan demo: ${parsed.candidates} candidates, seed ${parsed.seed}, on ${backing.where}\n`)
    const started = performance.now()
    const ports = { app, clock, sms }
    const run = await runDemo(ports, {
      candidates: parsed.candidates,
      seed: parsed.seed,
      startsAt: parsed.startsAt,
      progress: (line) => io.err(`  ${line}\n`),
    })
    const summary = await summarise(ports, run)
    const audit = await runAudit(logAuditSource(backing.store, backing.where))
    const seconds = (performance.now() - started) / 1000
    // The port `npx imtahan serve` will listen on in this environment (PORT, else its default).
    const look: LookAt = {
      serveArgs: serveArgsOf(selection),
      boardKey: boardKeyOf(parsed.seed),
      port: Number(env.PORT ?? DEFAULT_PORT),
    }
    if (parsed.json) io.out(`${demoJson(run, summary, audit, look)}\n`)
    else io.out(renderSummary(run, summary, look))
    if (!parsed.json)
      io.out(
        `\nAudit          ${audit.ok ? 'passed' : 'FAILED'}: ${audit.checks.map((c) => `${c.name} ${c.skipped !== undefined ? 'skipped' : c.ok ? '✓' : '✗'}`).join(' · ')}\n`,
      )
    io.err(
      `imtahan demo: done in ${seconds.toFixed(1)} s (${run.phases.map((p) => `${p.phase} ${p.seconds.toFixed(1)} s`).join('; ')})\n`,
    )
    return audit.ok ? 0 : 1
  } catch (error) {
    if (!(error instanceof DemoStepFailed)) throw error
    io.err(`imtahan demo: a step was refused: ${error.message}\n`)
    return 1
  } finally {
    await backing.close()
  }
}

/** `openBacking` reads only the store selection; the server's own options do not apply to the demo. */
const storeOnly = (selection: StoreSelection): ServeOptions => ({
  ...selection,
  host: '127.0.0.1',
  port: 0,
  logLevel: 'silent',
  apiKeys: {},
  dev: true,
  secret: undefined,
  logCheck: false,
})

export const demoCommand: Command = {
  summary: 'seed a realistic sitting (cabinets, payments, answers, a review) on an empty store',
  run: (args) =>
    runDemoCommand(args, {
      out: (text) => process.stdout.write(text),
      err: (text) => process.stderr.write(text),
    }),
}
