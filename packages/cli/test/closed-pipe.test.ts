import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'

/**
 * `imtahan … | head`: the reader closes the pipe early and the CLI's next
 * write fails with EPIPE. It must end quietly (exit 0, nothing on stderr),
 * not with a stack trace. Runs the real launcher (`npx imtahan`) on a real
 * OS pipe whose read end is closed before the command writes.
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const LAUNCHER = fileURLToPath(new URL('../bin/imtahan.mjs', import.meta.url))
const EXAMPLES = 'docs/examples/score'

const intoClosedPipe = (args: readonly string[]) =>
  new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [LAUNCHER, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child.stdout.destroy()
    let stderr = ''
    child.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    child.on('close', (code) => resolve({ code, stderr }))
  })

const score = [
  'score',
  ...['--form', `${EXAMPLES}/form.json`, '--key', `${EXAMPLES}/key.json`],
  ...['--answers', `${EXAMPLES}/answers.json`, '--reviews', `${EXAMPLES}/reviews.json`, '--subgroup', 'AA2'],
]

describe('the CLI on a closed pipe (EPIPE)', () => {
  // The launcher rebuilds a stale dist first (its lines on stderr): do that once, before the checks.
  beforeAll(async () => {
    await intoClosedPipe(['--help'])
  }, 600_000)

  for (const args of [
    [...score, '--explain'],
    [...score, '--json'],
    ['export', '--help'],
    ['demo', '--help'],
  ])
    it(`imtahan ${args[0]} ${args.at(-1)} | head: ends quietly`, { timeout: 300_000 }, async () => {
      const { code, stderr } = await intoClosedPipe(args)
      expect(stderr).toBe('')
      expect(code).toBe(0)
    })
})
