import { spawn } from 'node:child_process'
import { mkdtemp, rename, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { SERVE_NODE_OPTIONS } from '../serve/node-options.js'
import { servedUrl, untilReady } from './served-url.js'

/**
 * `npm start` to its first answer: the launcher (`npx imtahan serve`) on a
 * fresh PGlite folder, timed from spawn until `GET /health/ready` first
 * answers 200 (the store opened and migrated, the start-up checks done, the
 * views caught up). Cold: every package's dist moved away, as in a fresh
 * clone after `npm ci` (the launcher transpiles all four and the PGlite
 * database is created); warm: the next start on the same folder.
 */
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url))
const LAUNCHER = join(ROOT, 'packages', 'cli', 'bin', 'imtahan.mjs')
const PACKAGES = ['domain', 'adapters', 'http', 'cli'] as const

export const START_TARGETS = { coldSeconds: 30, warmSeconds: 5 } as const

const timeToFirstAnswer = async (dataDir: string): Promise<number> => {
  const started = performance.now()
  const child = spawn(
    process.execPath,
    [...SERVE_NODE_OPTIONS, LAUNCHER, 'serve', '--data-dir', dataDir, '--port', '0', '--log-level', 'silent'],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
  )
  try {
    const url = await servedUrl(child)
    await untilReady(url, child, { everyMs: 20, withinMs: 60_000 })
    return (performance.now() - started) / 1000
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve))
    if (child.exitCode === null) child.kill('SIGTERM')
    await exited
  }
}

/**
 * Cold then warm start on one data folder, as `npm start` twice in a fresh
 * clone (the cold one also creates the PGlite database). The dist folders
 * moved aside (tsc's, with the `.d.ts` the launcher's transpile does not
 * write) are put back afterwards, whatever happened.
 */
export const benchStart = async (): Promise<{ cold: number; warm: number }> => {
  const dataDir = await mkdtemp(join(tmpdir(), 'imtahan-bench-start-'))
  const aside = PACKAGES.map((name) => join(ROOT, 'packages', name, 'dist'))
  for (const dist of aside) await rename(dist, `${dist}.bench-aside`)
  try {
    const cold = await timeToFirstAnswer(dataDir)
    const warm = await timeToFirstAnswer(dataDir)
    return { cold, warm }
  } finally {
    for (const dist of aside) {
      await rm(dist, { recursive: true, force: true })
      await rename(`${dist}.bench-aside`, dist)
    }
    await rm(dataDir, { recursive: true, force: true })
  }
}
