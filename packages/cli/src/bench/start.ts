import { spawn } from 'node:child_process'
import { mkdtemp, rename, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { servedUrl } from './served-url.js'

/**
 * `npm start` to its first answer: the launcher (`npx imtahan serve`) on a
 * fresh PGlite folder, timed from spawn until `GET /openapi.json` answers.
 * Cold: every package's dist moved away and the build cache bypassed
 * (`IMTAHAN_FORCE_BUILD=1`), as after a fresh clone; warm: the next start.
 */
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url))
const LAUNCHER = join(ROOT, 'packages', 'cli', 'bin', 'imtahan.mjs')
const PACKAGES = ['domain', 'adapters', 'http', 'cli'] as const

export const START_TARGETS = { coldSeconds: 30, warmSeconds: 5 } as const

const timeToFirstAnswer = async (dataDir: string, env: NodeJS.ProcessEnv): Promise<number> => {
  const started = performance.now()
  const child = spawn(
    process.execPath,
    [LAUNCHER, 'serve', '--data-dir', dataDir, '--port', '0', '--log-level', 'silent'],
    { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] },
  )
  try {
    const url = await servedUrl(child)
    const answer = await fetch(`${url}/openapi.json`)
    if (answer.status !== 200) throw new Error(`GET /openapi.json answered ${answer.status}`)
    await answer.arrayBuffer()
    return (performance.now() - started) / 1000
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve))
    if (child.exitCode === null) child.kill('SIGTERM')
    await exited
  }
}

/**
 * Cold then warm start on one data folder, as `npm start` twice in a fresh
 * clone (the cold one also creates the PGlite database); the dist folders
 * moved aside are put back if the cold build fails.
 */
export const benchStart = async (): Promise<{ cold: number; warm: number }> => {
  const dataDir = await mkdtemp(join(tmpdir(), 'imtahan-bench-start-'))
  try {
    return await coldThenWarm(dataDir)
  } finally {
    await rm(dataDir, { recursive: true, force: true })
  }
}

const coldThenWarm = async (dataDir: string) => {
  const aside = PACKAGES.map((name) => join(ROOT, 'packages', name, 'dist'))
  for (const dist of aside) await rename(dist, `${dist}.bench-aside`)
  let cold: number
  try {
    cold = await timeToFirstAnswer(dataDir, { IMTAHAN_FORCE_BUILD: '1' })
  } catch (error) {
    for (const dist of aside) {
      await rm(dist, { recursive: true, force: true })
      await rename(`${dist}.bench-aside`, dist)
    }
    throw error
  }
  for (const dist of aside) await rm(`${dist}.bench-aside`, { recursive: true, force: true })
  const warm = await timeToFirstAnswer(dataDir, {})
  return { cold, warm }
}
