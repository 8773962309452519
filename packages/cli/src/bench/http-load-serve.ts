import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import { SERVE_NODE_OPTIONS } from '../serve/node-options.js'
import { untilReady } from './served-url.js'

/**
 * The built command: `dist/main.js`, as `npm run bench` builds it, beside
 * this file's built form; from the TypeScript source (a test) the one in `dist`.
 */
const MAIN = fileURLToPath(
  new URL(import.meta.url.endsWith('.ts') ? '../../dist/main.js' : '../main.js', import.meta.url),
)
const READY_WITHIN_MS = 60_000

export type ServeChild = {
  readonly url: string
  readonly child: ChildProcess
  readonly stop: () => Promise<void>
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0))
    })
  })

/**
 * One `imtahan serve` process on `schema` of PostgreSQL, in production mode
 * (`--no-dev`, the system clock) and logging warnings only, so the bench
 * measures serving rather than writing request lines to a pipe. Resolves once
 * `/health/ready` answers 200 (listening, projections caught up).
 */
export const startServeProcess = async (databaseUrl: string, schema: string, secret: string) => {
  const port = await freePort()
  const child = spawn(
    process.execPath,
    [
      ...SERVE_NODE_OPTIONS,
      MAIN,
      'serve',
      '--store',
      'postgres',
      '--schema',
      schema,
      '--port',
      String(port),
      '--no-dev',
    ],
    {
      env: { ...process.env, DATABASE_URL: databaseUrl, IMTAHAN_SECRET: secret, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  )
  const errors: string[] = []
  child.stderr?.on('data', (chunk: Buffer) => void (errors.length < 50 && errors.push(chunk.toString())))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const url = `http://127.0.0.1:${port}`
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
    await exited
  }
  try {
    await untilReady(url, child, { everyMs: 200, withinMs: READY_WITHIN_MS })
  } catch (error) {
    await stop()
    throw new Error(`${(error as Error).message}: ${errors.join('')}`)
  }
  return { url, child, stop }
}
