import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  createDevSmsSender,
  createFinFingerprint,
  createFixtureRegistry,
  createHmacCodeHasher,
  createImtahan,
  createMemoryEventStore,
  createScryptPasswordHasher,
  createTestClock,
  logAuditSource,
  runAudit,
} from '@imtahan/adapters'
import { Money } from '@imtahan/domain'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runDemoCommand } from '../src/commands/demo.js'
import { commands } from '../src/commands/index.js'
import { buildDemoForms } from '../src/demo/forms.js'
import { DEMO_FEE, planDemo, SUBGROUPS } from '../src/demo/plan.js'
import { createRandom } from '../src/demo/random.js'
import { type DemoRun, runDemo } from '../src/demo/seed.js'
import { board } from '../src/demo/steps.js'
import { type DemoSummary, summarise } from '../src/demo/summary.js'

const CANDIDATES = 40
const S = new Date('2026-06-10T06:00:00Z')

const demoApp = () => {
  const store = createMemoryEventStore()
  const clock = createTestClock(S)
  const sms = createDevSmsSender()
  const app = createImtahan({
    store,
    registry: createFixtureRegistry(),
    sms,
    passwordHasher: createScryptPasswordHasher({ N: 2 ** 10, r: 8, p: 1 }),
    codeHasher: createHmacCodeHasher('test code secret, 32 bytes long!'),
    finFingerprint: createFinFingerprint('test FIN secret, 32 bytes long!!'),
    clock,
  })
  return { store, ports: { app, clock, sms } }
}

describe('imtahan demo: a small sitting in memory', () => {
  const { store, ports } = demoApp()
  let run: DemoRun
  let summary: DemoSummary

  beforeAll(async () => {
    run = await runDemo(ports, { candidates: CANDIDATES, seed: 7, startsAt: S })
    summary = await summarise(ports, run)
  }, 120_000)

  it('leaves a store the audit passes, money checks included (WAL-6, SCO-7)', async () => {
    const report = await runAudit(logAuditSource(store, 'memory'))
    const failed = report.checks.filter((check) => !check.ok && check.skipped === undefined)
    expect(failed.map((check) => check.name)).toEqual([])
    expect(report.checks.find((check) => check.name === 'money')?.ok).toBe(true)
    expect(report.ok).toBe(true)
  })

  it('money: everyone paid in, each registration charged the fee once, the rest is on the accounts', () => {
    const fee = Money.toQepik(Money.fromQepik(BigInt(Math.round(Number(DEMO_FEE) * 100))))
    const paid = run.candidates.reduce((sum, c) => sum + BigInt(Math.round(Number(c.pays) * 100)), 0n)
    expect(summary.cabinets).toBe(CANDIDATES)
    expect(summary.money.paidIn).toBe(paid)
    expect(summary.money.fees).toBe(BigInt(summary.registered) * fee)
    expect(summary.money.balances).toBe(summary.money.paidIn - summary.money.fees)
    expect(summary.refusedForMoney).toBe(run.candidates.filter((c) => c.fate === 'short_of_money').length)
    expect(summary.refusedForMoney).toBeGreaterThan(0)
  })

  it('every registration in all 20 subgroups is on the board; a result for each one seated, none for the others', async () => {
    const sitting = await ports.app.exams.board.sitting(run.examId, board)
    if (sitting._tag === 'Left') throw new Error(sitting.left.message)
    const rows = sitting.right.results
    expect(rows.filter((row) => row.registered)).toHaveLength(summary.registered)
    expect(new Set(rows.map((row) => row.subgroup))).toEqual(new Set(SUBGROUPS))
    const seated = run.candidates.filter((c) => c.admitted)
    expect(summary.results).toBe(seated.length)
    expect(summary.results).toBe(summary.registered - summary.absent - summary.notAdmitted)
    expect(summary.notAdmitted).toBeGreaterThanOrEqual(2) // the late one and the one without a document
    expect(summary.byGroup.reduce((sum, group) => sum + group.sat, 0)).toBe(summary.results)
    expect(summary.byGroup.reduce((sum, group) => sum + group.annulled, 0)).toBe(1) // the removal
    expect(summary.timeUp).toBeGreaterThan(0)
    const passed = summary.byGroup.reduce((sum, group) => sum + group.passed, 0)
    expect(passed).toBeGreaterThan(0)
    expect(passed).toBeLessThan(summary.results - 1)
  })

  it('the expert review re-scored what its dry run announced and flipped at least one result (SCO-5)', () => {
    expect(summary.review.revised).toBe(summary.review.dryRunChanges)
    expect(summary.review.revised).toBe(run.review.revised)
    expect(summary.review.flips.length).toBeGreaterThanOrEqual(1)
    expect(summary.review.flips.length).toBe(summary.review.dryRunFlips)
    for (const flip of summary.review.flips) expect(flip.newScore).toBe(flip.passMark)
  })
})

describe('imtahan demo: determinism and the command', () => {
  it('the same seed plans the same people, forms and review', () => {
    const plan = (seed: number) => {
      const random = createRandom(seed)
      return { forms: buildDemoForms(random), plan: planDemo(60, 0, random) }
    }
    expect(plan(3)).toEqual(plan(3))
    expect(plan(3)).not.toEqual(plan(4))
  })

  it('is registered, and refuses a usage error with the help', async () => {
    expect(commands.demo?.summary).toMatch(/seed a realistic sitting/)
    let err = ''
    const code = await runDemoCommand(
      ['--candidates', '5'],
      { out: () => {}, err: (text) => (err += text) },
      {},
    )
    expect(code).toBe(2)
    expect(err).toMatch(/--candidates must be a whole number ≥ 20/)
  })
})

describe('imtahan demo --json on a PGlite folder', () => {
  let dataDir = ''
  afterAll(async () => {
    if (dataDir !== '') await rm(dataDir, { recursive: true, force: true })
  })

  it('prints the summary and audit as JSON, and the port serve will really use', {
    timeout: 300_000,
  }, async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'imtahan-demo-json-'))
    let out = ''
    const code = await runDemoCommand(
      ['--data-dir', dataDir, '--candidates', '20', '--json'],
      { out: (text) => (out += text), err: () => {} },
      { PORT: '4123' },
    )
    expect(code).toBe(0)
    const printed = JSON.parse(out)
    expect(printed).toMatchObject({
      candidates: 20,
      audit: { ok: true },
      serve: {
        url: 'http://127.0.0.1:4123',
        command: expect.stringMatching(/ npx imtahan serve --data-dir /),
      },
    })
    expect(printed.summary.money.paidIn).toMatch(/^\d+(\.\d{1,2})?$/)
    expect(printed.audit.checks.length).toBeGreaterThan(0)
  })
})
