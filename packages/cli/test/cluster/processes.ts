import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/**
 * Real `imtahan serve` processes for the multi-process tests: the built
 * command (`packages/cli/dist/main.js`, as CI builds before testing), each
 * on a port of its own, all on one PostgreSQL schema with one secret —
 * exactly how an operator runs several behind a load balancer.
 */
export const MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url))
export const DATABASE_URL = process.env.DATABASE_URL
export const built = existsSync(MAIN)
export const skipWhy = !DATABASE_URL
  ? 'PostgreSQL (DATABASE_URL not set — skipped, e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/test)'
  : `the built command (${MAIN} missing — run npm run build first)`

export type Cluster = { readonly schema: string; readonly secret: string }

export const newCluster = (): Cluster => ({
  schema: `test_cluster_${randomBytes(6).toString('hex')}`,
  secret: randomBytes(32).toString('base64url'),
})

export type Served = {
  readonly url: string
  readonly child: ChildProcess
  /** Every line the process wrote, for a failing test to show. */
  readonly output: string[]
  /** Resolves when the process has exited. */
  readonly exited: Promise<void>
}

const STARTUP_MS = 30_000

/** Starts one process on a free port and resolves once it listens (its `listening` log line). */
export const serveProcess = (cluster: Cluster): Promise<Served> => {
  const child = spawn(
    process.execPath,
    [MAIN, 'serve', '--store', 'postgres', '--schema', cluster.schema, '--port', '0', '--log-level', 'info'],
    {
      env: { ...process.env, DATABASE_URL, IMTAHAN_SECRET: cluster.secret },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  const output: string[] = []
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`serve did not start in ${STARTUP_MS} ms:\n${output.join('')}`))
    }, STARTUP_MS)
    let buffered = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString()
      const lines = buffered.split('\n')
      buffered = lines.pop() ?? ''
      for (const line of lines) {
        if (output.length < 2000) output.push(`${line}\n`)
        if (!line.includes('"listening"')) continue
        const url = (JSON.parse(line) as { url: string }).url
        clearTimeout(timer)
        resolve({ url, child, output, exited })
      }
    })
    child.stderr?.on('data', (chunk: Buffer) => void output.push(chunk.toString()))
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`serve exited (${code}) before listening:\n${output.join('')}`))
    })
  })
}

/** Ends a process: SIGTERM lets it finish requests in flight; SIGKILL is a crash. */
export const stopProcess = async (served: Served, signal: NodeJS.Signals = 'SIGTERM') => {
  if (served.child.exitCode !== null || served.child.signalCode !== null) return
  served.child.kill(signal)
  await served.exited
}
