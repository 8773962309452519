import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

/**
 * The README's "Try the API with curl" runs as written: every ```sh block
 * of that section, in order, in one bash, against a real `imtahan serve`
 * child process in dev mode on PGlite (a fresh data folder, as `npm start`
 * on a fresh checkout), from the repository root. Only the address changes
 * (the server listens on a free port). Each block's output is checked.
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const MAIN = join(ROOT, 'packages/cli/dist/main.js')
const README = join(ROOT, 'README.md')
const SECTION = '## Try the API with curl'
const hasCurl = spawnSync('curl', ['--version']).status === 0

/** The section's shell blocks, each announced by a marker line so its output can be told apart. */
export const walkthroughScript = (readme: string, api: string): string => {
  const section = readme.slice(readme.indexOf(SECTION))
  const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1] as string)
  if (blocks.length === 0) throw new Error(`no sh blocks under "${SECTION}"`)
  return blocks
    .map(
      (block, index) =>
        `echo "=== block ${index}"\n${block.replace('API=http://127.0.0.1:3000', `API=${api}`)}`,
    )
    .join('\n')
}

const SHIPPED_CALENDAR = join(ROOT, 'packages/adapters/calendar')

/**
 * The walkthrough's sitting is three days from today and publication needs
 * the calendar to cover the appeal window (CAL-3). When today runs past the
 * shipped years (late December, before next year's file ships), this test —
 * not the product — adds a year with weekends only, marked as test data, so
 * CI does not break on a date. An operator adds the real file (docs/appeals.md).
 */
const calendarFor = (dir: string): string | undefined => {
  const shipped = (year: number) => join(SHIPPED_CALENDAR, `${year}.json`)
  const needed = new Date(Date.now() + 60 * 864e5).getUTCFullYear()
  if (existsSync(shipped(needed))) return undefined
  const file = join(dir, `${needed}.json`)
  const notes = [
    'TEST DATA ONLY (readme-walkthrough.test.ts): weekends only, no holidays; not a real calendar',
  ]
  writeFileSync(file, JSON.stringify({ year: needed, notes, nonWorkingDays: [], declaredWorkingDays: [] }))
  const years = [needed - 1, needed - 2].filter((year) => existsSync(shipped(year))).map(shipped)
  return [...years, file].join(',')
}

const serve = (dataDir: string): Promise<{ child: ChildProcess; url: string; output: string[] }> => {
  // As `npm start` on a fresh checkout: no secret given (PGlite keeps its own), no API keys but the dev ones.
  const { IMTAHAN_SECRET: _secret, IMTAHAN_CALENDAR: _calendar, ...env } = process.env
  const calendar = calendarFor(join(dataDir, '..'))
  const child = spawn(process.execPath, [MAIN, 'serve', '--data-dir', dataDir, '--port', '0'], {
    env: { ...env, LOG_LEVEL: 'info', ...(calendar === undefined ? {} : { IMTAHAN_CALENDAR: calendar }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const output: string[] = []
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${output.join('')}`)), 120_000)
    child.stderr?.on('data', (chunk: Buffer) => void output.push(chunk.toString()))
    child.stdout?.on('data', (chunk: Buffer) => {
      output.push(chunk.toString())
      const listening =
        /"url":"(http:\/\/[^"]+)"[^\n]*"listening"|"listening"[^\n]*"url":"(http:\/\/[^"]+)"/.exec(
          output.join(''),
        )
      if (listening === null) return
      clearTimeout(timer)
      resolve({ child, url: (listening[1] ?? listening[2]) as string, output })
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`serve exited (${code}):\n${output.join('')}`))
    })
  })
}

/** Runs the script in bash from the repository root; resolves with everything it printed. */
const bash = (script: string): Promise<{ code: number | null; output: string }> =>
  new Promise((resolve) => {
    const child = spawn('bash', ['-c', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    const output: string[] = []
    child.stdout.on('data', (chunk: Buffer) => void output.push(chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => void output.push(chunk.toString()))
    child.once('exit', (code) => resolve({ code, output: output.join('') }))
  })

describe.skipIf(!existsSync(MAIN) || !hasCurl)(
  'README: the curl walkthrough against a real `imtahan serve` (dev mode, PGlite)',
  () => {
    let dataDir: string
    let server: { child: ChildProcess; url: string; output: string[] } | undefined
    let blocks: string[] = []

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'imtahan-readme-'))
      server = await serve(join(dataDir, 'data'))
      const run = await bash(walkthroughScript(readFileSync(README, 'utf8'), server.url))
      expect(run.code, run.output).toBe(0)
      blocks = run.output.split(/^=== block \d+\n/m).slice(1)
    }, 400_000)

    afterAll(async () => {
      if (server !== undefined && server.child.exitCode === null) {
        const exited = new Promise((resolve) => server?.child.once('exit', resolve))
        server.child.kill('SIGTERM')
        await exited
      }
      rmSync(dataDir, { recursive: true, force: true })
    })

    const lines = (index: number) => (blocks[index] ?? '').trim().split('\n')

    it('CAB-1…CAB-7: two cabinets are registered with the dev SMS codes and Rashad signs in', () => {
      expect(blocks).toHaveLength(10)
      expect(blocks[0]).toContain('"registrationToken"')
      expect(lines(0)).toContain('cabinet 10000016')
      expect(blocks[0]).toContain('"stage":"completed"')
      expect(lines(1)).toContain('cabinet 10000024')
    })

    it('PAY-1…PAY-3, WAL-3, WAL-4, WAL-7: payments credited, a fee, a transfer replayed once, 60.00 left, 1000.00 refused', () => {
      const money = blocks[2] ?? ''
      expect(money).toContain('"balance":"100.00"')
      expect(money.match(/idempotent-replayed: true/gi)).toHaveLength(1)
      expect(lines(2)).toContain('60.00')
      expect(money).toContain('"code":"transfer.insufficient_funds"')
    })

    it('CAB-10: password recovery with the SMS code, then sign-out', () => {
      expect(
        lines(3)
          .filter((line) => line.startsWith('HTTP/'))
          .map((line) => line.trim()),
      ).toEqual(['HTTP/1.1 204 No Content', 'HTTP/1.1 204 No Content'])
    })

    it('EXM-1/EXM-10: the board defines the sitting with the full JSON; Rashad registers for AA2 and pays 15.00', () => {
      const defined = JSON.parse(lines(4)[0] ?? '{}')
      expect(defined).toMatchObject({ examId: 'cs-walkthrough', groups: ['AA'], fee: '15.00' })
      const [open, registered, slip, balance] = lines(5)
      expect(open).toBe('cs-walkthrough')
      expect(JSON.parse(registered ?? '{}')).toMatchObject({
        status: 'registered',
        slip: { subgroup: 'AA2' },
      })
      expect(JSON.parse(slip ?? '{}')).toMatchObject({ hallId: 'hall-1', seat: 1 })
      expect(balance).toBe('45.00')
    })

    it('EXM-11…EXM-15: admitted, seated, 100 tasks, all 96 answers accepted', () => {
      const day = lines(6)
      expect(day).toContain('admitted')
      expect(day).toContain('seated')
      expect(day).toContain('100')
      expect(day.map((line) => line.trim())).toContain('96 200')
      expect(day.at(-1)).toBe('96')
    })

    it('EXM-16/EXM-17: finished after 45 minutes: 111 points, failed (AA2 pass mark 112)', () => {
      expect(lines(7).slice(1)).toEqual(['false', '111'])
    })

    it('APL-1…APL-3: published after the end; the result is a fail; the appeal is filed', () => {
      const [, published, passed, appeal] = lines(8)
      expect(JSON.parse(published ?? '{}')).toMatchObject({ examId: 'cs-walkthrough' })
      expect(passed).toBe('false')
      expect(appeal).toMatch(/^cs-walkthrough\..+:appeal-1$/)
    })

    it('APL-4/APL-6: upheld and re-scored: 112 points, passed, with the revision', () => {
      expect(lines(9)).toEqual(['upheld', 'done', '112', 'true', expect.any(String)])
    })
  },
)
