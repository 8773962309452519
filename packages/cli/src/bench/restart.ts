import { spawn } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { SERVE_NODE_OPTIONS } from '../serve/node-options.js'
import { type RestartLog, seedRestartLog } from './restart-seed.js'
import { servedUrl, untilReady } from './served-url.js'
import type { BenchRow } from './table.js'

/**
 * Restart to ready on PostgreSQL: `imtahan serve` started as a real process
 * on a log of N events whose checkpoints are at the head (as a stopped server
 * leaves them) plus a tail of ~1,000 new events, timed from spawn until
 * `GET /health/ready` answers 200 — with `IMTAHAN_MAX_PROJECTION_LAG=0`, so
 * "ready" means the start-up check passed and every view and the process
 * runner have taken in the tail. Then its resident memory (VmRSS).
 */
const MAIN = fileURLToPath(new URL('../main.js', import.meta.url))
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url))

export const RESTART_TARGETS = { seconds: 3, timeRatio: 1.5, rssRatio: 1.3 } as const
/** The default sizes keep `npm run bench` within minutes; BENCH_RESTART_EVENTS=1000000,5000000 is the issue's. */
export const DEFAULT_RESTART_EVENTS = [100_000, 500_000] as const
const TAIL = 1_000

export type RestartFigures = {
  readonly log: Omit<RestartLog, 'drop'>
  /** Spawn to the first 200 from /health/ready. */
  readonly seconds: number
  readonly rssBytes: number
}

const rssOf = async (pid: number): Promise<number> => {
  const status = await readFile(`/proc/${pid}/status`, 'utf8')
  const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]
  if (kb === undefined) throw new Error(`no VmRSS in /proc/${pid}/status`)
  return Number(kb) * 1024
}

/** One start of `node packages/cli/dist/main.js serve` on `schema`, stopped again once measured. */
export const restartToReady = async (databaseUrl: string, schema: string) => {
  const started = performance.now()
  const args = [MAIN, 'serve', '--store', 'postgres', '--schema', schema, '--port', '0', '--no-dev']
  const child = spawn(process.execPath, [...SERVE_NODE_OPTIONS, ...args, '--log-level', 'silent'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      IMTAHAN_SECRET: 'restart bench secret, at least 32 bytes long',
      IMTAHAN_MAX_PROJECTION_LAG: '0',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  const exited = new Promise((resolve) => child.once('exit', resolve))
  try {
    const url = await servedUrl(child)
    await untilReady(url, child, { everyMs: 10 })
    const seconds = (performance.now() - started) / 1000
    return { seconds, rssBytes: await rssOf(child.pid!) }
  } finally {
    if (child.exitCode === null) child.kill('SIGTERM')
    await exited
  }
}

/** Seeds each size in a schema of its own, restarts once on it, drops the schema. */
export const benchRestart = async (
  databaseUrl: string,
  sizes: readonly number[],
  progress: (line: string) => void = () => {},
): Promise<RestartFigures[]> => {
  const figures: RestartFigures[] = []
  for (const size of sizes) {
    const { drop, ...log } = await seedRestartLog(databaseUrl, size, TAIL)
    try {
      progress(
        `restart bench: ${log.history.toLocaleString('en-US')} events seeded in ${log.seed.seconds.toFixed(1)} s, ` +
          `views caught up in ${log.catchUp.seconds.toFixed(1)} s, ${log.tail} new events`,
      )
      const start = await restartToReady(databaseUrl, log.schema)
      progress(`restart bench: ready in ${start.seconds.toFixed(2)} s, RSS ${mb(start.rssBytes)}`)
      figures.push({ log, ...start })
    } finally {
      await drop()
    }
  }
  return figures
}

const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`

/**
 * One row per size. Each after the first carries the issue's growth targets
 * against the smallest: time ≤ 1.5×, RSS ≤ 1.3× (and ≤ 3 s for every size).
 */
export const restartRows = (figures: readonly RestartFigures[]): BenchRow[] => {
  const base = figures[0]
  return figures.map((figure, i) => {
    const time = base === undefined ? 1 : figure.seconds / base.seconds
    const rss = base === undefined ? 1 : figure.rssBytes / base.rssBytes
    const withinSeconds = figure.seconds <= RESTART_TARGETS.seconds
    const grows = i > 0 && base !== undefined
    const met =
      withinSeconds && (!grows || (time <= RESTART_TARGETS.timeRatio && rss <= RESTART_TARGETS.rssRatio))
    const events = figure.log.history.toLocaleString('en-US')
    return {
      store: 'PostgreSQL',
      scenario: `restart to /health/ready: ${events} events + ${figure.log.tail.toLocaleString('en-US')} new`,
      count: 1,
      unit: 'start',
      seconds: figure.seconds,
      target: {
        label: grows
          ? `≤ ${RESTART_TARGETS.seconds} s, ≤ ${RESTART_TARGETS.timeRatio}× time, ≤ ${RESTART_TARGETS.rssRatio}× RSS`
          : `≤ ${RESTART_TARGETS.seconds} s`,
        met,
      },
      note: `RSS ${mb(figure.rssBytes)}${grows ? `; × ${time.toFixed(2)} time, × ${rss.toFixed(2)} RSS of the first` : ''}`,
    }
  })
}

/** BENCH_RESTART_EVENTS: comma-separated sizes, smallest first (e.g. `1000000,5000000`). */
export const restartSizes = (value: string | undefined): number[] => {
  if (value === undefined || value.trim() === '') return [...DEFAULT_RESTART_EVENTS]
  const sizes = value.split(',').map((part) => Number(part.trim().replace(/_/g, '')))
  if (sizes.some((size) => !Number.isInteger(size) || size < 1))
    throw new Error(`BENCH_RESTART_EVENTS must be whole numbers of events, got "${value}"`)
  return sizes.sort((a, b) => a - b)
}
