#!/usr/bin/env node
import { readFile, writeFile } from 'node:fs/promises'
import { cpus } from 'node:os'
import { fileURLToPath } from 'node:url'
import type { EventStore, ReadModelStorage } from '@imtahan/adapters'
import { aggregateLoads, rescoreAfterReview } from './exam-scenarios.js'
import { ANSWER_LOAD_TARGET, benchAnswerLoad, meetsAnswerLoadTarget } from './http-load.js'
import { answerScaleRow } from './http-load-scale.js'
import { benchRestart, restartRows, restartSizes } from './restart.js'
import { batchAppends, logReads, singleAppends, streamReads } from './scenarios.js'
import { benchScoring } from './scoring.js'
import { benchStart, START_TARGETS } from './start.js'
import { benchStores, selects } from './stores.js'
import { type BenchRow, markdownTable, replaceBenchSection, type Target, textTable } from './table.js'

/**
 * `npm run bench`: every figure of the brief in one table — store appends
 * and reads, aggregate loads, scoring, the re-score after an expert review,
 * the HTTP load test of answer submission, on one serve process and on two —
 * printed and written into docs/benchmarks.md. Each scenario is bounded (a
 * fixed count or a few seconds); the whole run takes a few minutes.
 */
const DOCUMENT = fileURLToPath(new URL('../../../../docs/benchmarks.md', import.meta.url))
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3)
const RESCORE_SESSIONS = Number(process.env.BENCH_RESCORE_SESSIONS ?? 10_000)
/** `rescore`: only the re-score scenario (e.g. with BENCH_RESCORE_SESSIONS=100000), on each selected store. */
const ONLY_RESCORE = process.env.BENCH_SCENARIOS === 'rescore'
const POOL_SIZE = 10
/** The HTTP load test's measured time (it stops earlier at 20,000 answers). */
const HTTP_SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 10)

const budget = (operations: number) => ({ milliseconds: SECONDS * 1000, operations })
const atLeast = (perSecond: number): Target => ({ atLeastPerSecond: perSecond })

type Measure = (
  scenario: string,
  result: Promise<{ events: number; seconds: number }> | { events: number; seconds: number },
  options?: { unit?: string; target?: Target | undefined; note?: string },
) => Promise<void>

/** The event-store scenarios (targets on PostgreSQL only, as the brief sets them). */
const storeScenarios = async (store: EventStore, isPostgres: boolean, measure: Measure) => {
  const pg = (target: Target) => (isPostgres ? target : undefined)
  await measure('append 1 event, 1 writer', singleAppends(store, 1, budget(20_000)))
  await measure('append 1 event, 8 writers', singleAppends(store, 8, budget(40_000)), {
    target: pg(atLeast(4_000)),
  })
  await measure('append 1,000-event batches', batchAppends(store, 1_000, budget(100)), {
    target: pg(atLeast(50_000)),
  })
  await measure('read a 1,000-event stream', streamReads(store, 1_000, budget(200)), {
    target: pg(atLeast(50_000)),
  })
  await measure('readAll in pages of 500', logReads(store, 500, budget(200)))
}

/** Read + decode + fold of a whole stream, as a command handler without a cache loads an aggregate. */
const loadScenarios = async (store: EventStore, measure: Measure) => {
  const loads = await aggregateLoads(store, budget(20_000))
  await measure(`load a session (${loads.sessionLength} events, ~100 answers)`, loads.session, {
    unit: 'loads',
  })
  await measure(`load a sitting (${loads.examLength} events: definition + seats)`, loads.exam, {
    unit: 'loads',
  })
}

/** SCO-5 at scale on every store: seed, the view's cold catch-up, then the timed re-score (2 s per 10,000). */
const rescoreScenarios = async (
  store: EventStore,
  readModels: ReadModelStorage | undefined,
  measure: Measure,
) => {
  const figures = await rescoreAfterReview(store, readModels, RESCORE_SESSIONS)
  const n = figures.sessions.toLocaleString('en-US')
  await measure(`seed ${n} finished sessions (bench only, batches)`, figures.seed)
  await measure('results view built from the whole log (first start on it)', figures.catchUp)
  await measure(`re-score ${n} sessions after an expert review`, figures.rescore, {
    unit: 'ScoreRevised',
    target: { atMostSeconds: (2 * figures.sessions) / 10_000 },
    note: `${figures.rescoreCpuSeconds.toFixed(2)} s CPU in this process`,
  })
  await measure('board reads the sitting after it (view folds the revisions)', figures.after, {
    unit: 'ScoreRevised',
  })
}

/**
 * The HTTP load test of answer submission (EXM-15), PostgreSQL only: the real
 * app on its own fresh schema, many keep-alive connections on loopback. Its
 * target is compound (rate, p99, nothing lost, nothing refused), so the row
 * carries the verdict of `meetsAnswerLoadTarget` and the percentiles in its note.
 */
const answerLoadScenario = async (databaseUrl: string, add: (row: BenchRow) => void, store: string) => {
  const result = await benchAnswerLoad({
    databaseUrl,
    seconds: HTTP_SECONDS,
    maxRequests: 20_000,
    connections: 32,
  })
  add({
    store,
    scenario: `HTTP: answer submission under load (${result.connections} connections)`,
    count: result.requests,
    unit: 'answers',
    seconds: result.seconds,
    target: {
      label: `≥ ${ANSWER_LOAD_TARGET.perSecond.toLocaleString('en-US')}/s, p99 ≤ ${ANSWER_LOAD_TARGET.p99Ms} ms, 0 lost`,
      met: meetsAnswerLoadTarget(result),
    },
    note:
      `p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, max ${result.maxMs} ms; ` +
      `${result.lost} lost, ${result.refused} refused; ${result.serverCpuMsPerAnswer} ms server CPU/answer`,
  })
}

const run = async (): Promise<void> => {
  const databaseUrl = process.env.DATABASE_URL
  const only = process.env.BENCH_STORES
  const rows: BenchRow[] = []
  const add = (row: BenchRow) => {
    rows.push(row)
    process.stdout.write(`${textTable([row]).split('\n')[1]}\n`)
  }
  const measurer =
    (store: string): Measure =>
    async (scenario, result, options = {}) => {
      const { events, seconds } = await result
      add({
        store,
        scenario,
        count: events,
        unit: options.unit ?? 'events',
        seconds,
        ...(options.target === undefined ? {} : { target: options.target }),
        ...(options.note === undefined ? {} : { note: options.note }),
      })
    }

  // Pure CPU, no store: scoring is what every re-score and every audit does per session.
  if (selects(only, 'memory') && !ONLY_RESCORE) {
    const scored = benchScoring()
    await measurer('in memory')(
      'score 100-task sessions (AA form, compiled key)',
      { events: scored.sessions, seconds: scored.seconds },
      {
        unit: 'sessions',
        target: atLeast(200_000),
      },
    )
  }

  for (const { name, open } of benchStores(databaseUrl, POOL_SIZE, only)) {
    const { store, readModels, cleanup } = await open()
    const isPostgres = name === 'PostgreSQL'
    const measure = measurer(name)
    try {
      if (!ONLY_RESCORE) {
        await storeScenarios(store, isPostgres, measure)
        await loadScenarios(store, measure)
      }
      await rescoreScenarios(store, readModels, measure)
      if (isPostgres && !ONLY_RESCORE) {
        await answerLoadScenario(databaseUrl ?? '', add, name)
        add(await answerScaleRow(databaseUrl ?? '', name))
      }
    } finally {
      await cleanup()
    }
  }
  // Restart to ready on a long log (PostgreSQL): its own schemas, seeded, started as a real process.
  if (databaseUrl && selects(only, 'restart')) {
    const figures = await benchRestart(databaseUrl, restartSizes(process.env.BENCH_RESTART_EVENTS), (line) =>
      process.stdout.write(`${line}\n`),
    )
    for (const row of restartRows(figures)) add(row)
  }
  // Last: the cold start rebuilds every package's dist (this process has already loaded its own).
  if (selects(only, 'start') && !ONLY_RESCORE) {
    const { cold, warm } = await benchStart()
    for (const [scenario, seconds, most] of [
      [
        'npm start to /health/ready, cold (fresh clone after npm ci: no dist, new database)',
        cold,
        START_TARGETS.coldSeconds,
      ],
      ['npm start to /health/ready, warm (second start)', warm, START_TARGETS.warmSeconds],
    ] as const)
      add({
        store: 'PGlite (folder)',
        scenario,
        count: 1,
        unit: 'start',
        seconds,
        target: { atMostSeconds: most },
      })
  }
  const table = textTable(rows)
  process.stdout.write(`\n${table}\n`)
  const cpu = cpus()[0]?.model ?? 'unknown CPU'
  const note = databaseUrl ? '' : '\n\nPostgreSQL was not measured: DATABASE_URL was not set.'
  const section = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpu}, Node ${process.version}, ` +
      `${SECONDS} s or a fixed count per scenario.${note}`,
    '',
    markdownTable(rows),
  ].join('\n')
  // A run over some of the stores (or a smaller re-score) would leave the document's table incomplete.
  if (only || process.env.BENCH_RESCORE_SESSIONS || ONLY_RESCORE) return
  const document = await readFile(DOCUMENT, 'utf8').catch(() => '# Benchmarks\n')
  await writeFile(DOCUMENT, replaceBenchSection(document, section))
  process.stdout.write(`\nWritten to ${DOCUMENT}\n`)
}

run().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exitCode = 1
})
