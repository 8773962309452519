import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  type AuditReport,
  createTestClock,
  type EventStore,
  openSqlDatabase,
  type SqlClient,
} from '@imtahan/adapters'
import { createPgliteEventStore } from '@imtahan/adapters/pglite'
import { createPostgresEventStore, dropPostgresSchema } from '@imtahan/adapters/postgres'
import type { ReviewImpact } from '@imtahan/domain'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { wrapStore } from '../../adapters/src/store/wrap-store.js'
import { runAuditCommand } from '../src/commands/audit.js'
import { commands } from '../src/commands/index.js'
import { applyRescore, type RecordedRevision } from '../src/commands/rescore/apply.js'
import { readLedger } from '../src/commands/rescore/ledger.js'
import { planRescore, type RescorePlan } from '../src/commands/rescore/plan.js'
import { runRescoreCommand } from '../src/commands/rescore.js'
import { buildSitting, recordWithoutRescore, tasks, type Who } from './rescore-sitting.js'

/** When the command runs: the day after the exam (revisions record it). */
const clock = createTestClock('2026-06-11T08:00:00Z')

type Backend = {
  readonly name: string
  readonly args: readonly string[]
  readonly open: () => Promise<EventStore>
  /** Plain SQL on the store's database, as an intruder with SQL access would have. */
  readonly sql: () => Promise<SqlClient>
  readonly schema: string
  /**
   * Waits until the whole log is visible to `readAll`. PostgreSQL shows an
   * event once every older transaction in the cluster has ended (the gapless
   * order, docs/operators.md), and other test files write to the same server
   * meanwhile; PGlite has one connection and never lags.
   */
  readonly quiet: () => Promise<void>
  readonly cleanup: () => Promise<void>
}

const pglite = (): Backend => {
  const dir = mkdtempSync(join(tmpdir(), 'imtahan-cli-rescore-'))
  const dataDir = join(dir, 'pglite')
  return {
    name: 'a PGlite folder',
    args: ['--data-dir', dir],
    open: () => createPgliteEventStore({ dataDir }),
    sql: () => openSqlDatabase({ kind: 'pglite', dataDir }),
    schema: 'imtahan',
    quiet: async () => {},
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  }
}

const DATABASE_URL = process.env.DATABASE_URL
const postgres = (): Backend => {
  const url = DATABASE_URL ?? ''
  const schema = `test_rescore_${randomUUID().replace(/-/g, '').slice(0, 12)}`
  return {
    name: 'PostgreSQL (own schema)',
    args: ['--store', 'postgres', '--database-url', url, '--schema', schema],
    open: () => createPostgresEventStore({ connectionString: url, schema }),
    sql: () => openSqlDatabase({ kind: 'postgres', connectionString: url }),
    schema,
    quiet: async () => {
      const sql = await openSqlDatabase({ kind: 'postgres', connectionString: url })
      try {
        const [found] = await sql.query<{ events: string | null }>('select to_regclass($1)::text as events', [
          `"${schema}".events`,
        ])
        if (found?.events == null) return // not created yet: nothing to wait for
        for (let attempt = 0; attempt < 200; attempt++) {
          const [row] = await sql.query<{ hidden: string }>(
            `select count(*)::text as hidden from "${schema}".events
              where transaction_id >= pg_snapshot_xmin(pg_current_snapshot())`,
          )
          if (row?.hidden === '0') return
          await new Promise((resolve) => setTimeout(resolve, 50))
        }
      } finally {
        await sql.close()
      }
    },
    cleanup: () => dropPostgresSchema(url, schema),
  }
}

/** Runs a command in-process with captured output and no environment (the store is named by the args). */
const run = async (command: typeof runAuditCommand, args: readonly string[]) => {
  let stdout = ''
  let stderr = ''
  const code = await command(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    env: {},
  })
  return { code, stdout, stderr }
}
const rescoreIn = (args: readonly string[]) => run((a, io) => runRescoreCommand(a, io, { clock }), args)

type DryRun = RescorePlan & { mode: 'dry-run' }
type Applied = {
  mode: 'apply'
  before: RescorePlan
  revised: number
  recorded: RecordedRevision[]
  left: RescorePlan
}

const review = (reviewId: string, taskId: string) => ({
  reviewId,
  kind: 'credit_to_all',
  taskId,
  reason: `Task ${taskId} has no correct option (${reviewId})`,
})
const R1 = review('rev-1', tasks[0]!)
const R2 = review('rev-2', tasks[1]!)
const R3 = review('rev-3', tasks[95]!)

describe.each([
  { backend: pglite, skip: false },
  { backend: postgres, skip: DATABASE_URL === undefined },
])('imtahan rescore', ({ backend, skip }) => {
  const b = backend()
  /** PGlite allows one opener per folder: the test's store is open only between the command's runs. */
  const withStore = async <A>(use: (store: EventStore) => Promise<A>): Promise<A> => {
    await b.quiet()
    const store = await b.open()
    try {
      return await use(store)
    } finally {
      await store.close()
    }
  }
  const count = () => withStore(async (store) => (await store.readAll()).length)
  /** Every `ScoreRevised` in the log, with who recorded it. */
  const revisions = () =>
    withStore(async (store) =>
      (await store.readAll())
        .filter((event) => event.type === 'ScoreRevised')
        .map((event) => ({
          sessionId: String(event.data.sessionId),
          reviewId: String(event.data.reviewId),
          reason: String(event.data.reason),
          oldScore: Number(event.data.oldScore),
          newScore: Number(event.data.newScore),
          newPassed: Boolean(event.data.newPassed),
          principal: event.metadata.principal,
        })),
    )
  const rescore = async (args: readonly string[]) => {
    await b.quiet()
    return rescoreIn(args)
  }
  const audit = async () => {
    await b.quiet()
    return JSON.parse((await run(runAuditCommand, [...b.args, '--json', '--quiet'])).stdout) as AuditReport
  }
  const notRescored = (report: AuditReport) =>
    report.checks
      .find((check) => check.name === 'scores')!
      .findings.filter((finding) => finding.problem === 'not-rescored')
      .map((finding) => finding.streamId)
      .sort()

  let sessions: Record<Who, string>
  let impact1: ReviewImpact
  const streamOf = (sessionId: string) => `examsession-${sessionId}`

  beforeAll(async () => {
    if (skip) return
    await withStore(async (store) => {
      sessions = await buildSitting(store)
      await b.quiet()
      impact1 = await recordWithoutRescore(store, R1)
    })
  }, 180_000)
  afterAll(async () => {
    if (!skip) await b.cleanup()
  })

  describe.skipIf(skip)(`on ${b.name}`, () => {
    it('SCO-5: the dry run lists exactly the results reviewImpact says would change, with flips, the review and SCO-6 annulled never passing — and writes nothing', async () => {
      const before = await count()
      const { code, stdout } = await rescore([...b.args, '--json'])
      expect(code).toBe(1)
      const plan = JSON.parse(stdout) as DryRun
      const counted = plan.changes.filter((change) => !change.annulled)
      const view = (c: {
        sessionId: string
        oldScore: number
        newScore: number
        oldPassed: boolean
        newPassed: boolean
      }) => [c.sessionId, c.oldScore, c.newScore, c.oldPassed, c.newPassed] as const
      expect(counted.map(view).sort()).toEqual(impact1.changes.map(view).sort())
      expect(counted.map((change) => change.sessionId).sort()).toEqual([sessions.flip, sessions.raise].sort())
      // SCO-6: the annulled result is re-scored, listed as such, and never passes.
      const annulled = plan.changes.filter((change) => change.annulled)
      expect(annulled.map(view)).toEqual([[sessions.annulled, 79, 80, false, false]])
      expect(impact1.annulledUnaffected).toContain(sessions.annulled)
      for (const change of plan.changes)
        expect(change.steps).toEqual([expect.objectContaining({ reviewId: 'rev-1', reason: R1.reason })])
      expect(plan.totals).toMatchObject({ changes: 3, flips: 1, annulled: 1, revisions: 3, findings: 0 })
      expect(plan.reviews).toEqual([{ examId: expect.any(String), reviewId: 'rev-1', revisions: 3 }])
      const text = await rescore(b.args)
      expect(text.code).toBe(1)
      expect(text.stdout).toMatch(/dry run, nothing written/)
      expect(text.stdout).toMatch(new RegExp(`${sessions.flip}.*79 → 80.*FAIL → PASS.*rev-1`))
      expect(text.stdout).toMatch(new RegExp(`${sessions.annulled}.*ANNULLED, never passes \\(SCO-6\\)`))
      expect(text.stdout).toMatch(/--apply/)
      expect(await count()).toBe(before)
    })

    it('SCO-5/SCO-7: the dry run and the audit name the same results: each one the audit finds not-rescored', async () => {
      const plan = JSON.parse((await rescore([...b.args, '--json'])).stdout) as DryRun
      const report = await audit()
      expect(notRescored(report)).toEqual(plan.changes.map((change) => streamOf(change.sessionId)).sort())
    })

    it('SCO-5/APL-6: --apply records one ScoreRevised per changed session through the re-score path, the reason naming the review; a second --apply records nothing', async () => {
      const first = await rescore([...b.args, '--apply', '--json'])
      expect(first.code).toBe(0)
      const applied = JSON.parse(first.stdout) as Applied
      expect(applied.recorded.map((r) => r.sessionId).sort()).toEqual(
        [sessions.flip, sessions.raise, sessions.annulled].sort(),
      )
      expect(applied.revised).toBe(3)
      expect(applied.left.changes).toEqual([])
      const recorded = await revisions()
      expect(recorded).toHaveLength(3)
      for (const revision of recorded)
        expect(revision).toMatchObject({ reviewId: 'rev-1', reason: R1.reason, principal: 'system:rescore' })
      const of = (who: Who) => recorded.find((revision) => revision.sessionId === sessions[who])
      expect(of('flip')).toMatchObject({ oldScore: 79, newScore: 80, newPassed: true })
      expect(of('raise')).toMatchObject({ oldScore: 89, newScore: 90, newPassed: true })
      expect(of('annulled')).toMatchObject({ oldScore: 79, newScore: 80, newPassed: false })
      expect(of('steady')).toBeUndefined()

      const before = await count()
      const second = await rescore([...b.args, '--apply'])
      expect(second.code).toBe(0)
      expect(second.stdout).toMatch(/recorded nothing/)
      expect(await count()).toBe(before)
      expect((await rescore(b.args)).code).toBe(0)
    })

    it('SCO-7: the audit is clean afterwards: no result is left not-rescored', async () => {
      const report = await audit()
      expect(notRescored(report)).toEqual([])
      expect(report.ok).toBe(true)
    })

    it('SCO-5/APL-6: an --apply interrupted half-way and run again ends with exactly one revision per session and review', async () => {
      const impact2 = await withStore((store) => recordWithoutRescore(store, R2))
      expect(impact2.changes.map((change) => change.sessionId).sort()).toEqual(
        [sessions.flip, sessions.raise, sessions.steady].sort(),
      )
      // The command's own plan and apply, over a store that fails on the second revision.
      const landed = await withStore(async (inner) => {
        const plan = planRescore(await readLedger(inner), { now: clock.now() })
        expect(plan.changes).toHaveLength(4)
        // Chunks of one session; the connection drops at the second chunk and stays down: nothing after it lands.
        let appends = 0
        const crashing = wrapStore(inner, {
          appendToStreams: async (batch, context) => {
            if (
              batch.some(({ events }) => events.some((event) => event.type === 'ScoreRevised')) &&
              ++appends >= 2
            )
              throw new Error('connection lost')
            return inner.appendToStreams(batch, context)
          },
        })
        await expect(applyRescore(crashing, plan, { clock, rescoreChunkSize: 1 })).rejects.toThrow(
          'connection lost',
        )
        await b.quiet()
        return (await inner.readAll()).filter((e) => e.type === 'ScoreRevised' && e.data.reviewId === 'rev-2')
          .length
      })
      // The first chunk landed, the second did not, the rest were never sent.
      expect(landed).toBe(1)

      const resumed = await rescore([...b.args, '--apply', '--json'])
      expect(resumed.code).toBe(0)
      expect((JSON.parse(resumed.stdout) as Applied).revised).toBe(4 - landed)
      const second = (await revisions()).filter((revision) => revision.reviewId === 'rev-2')
      expect(second.map((revision) => revision.sessionId).sort()).toEqual(Object.values(sessions).sort())
      expect(second.find((revision) => revision.sessionId === sessions.steady)).toMatchObject({
        oldScore: 85,
        newScore: 86,
        reason: R2.reason,
      })
      expect(notRescored(await audit())).toEqual([])
      expect((await rescore([...b.args, '--apply'])).stdout).toMatch(/recorded nothing/)
    })

    it('SCO-5: a re-score never lowers a score — a tampered history is a finding, not written; the rest is applied', async () => {
      // An insider raises the score in force of one result by 10 (its last revision, edited in place).
      const sql = await b.sql()
      try {
        await sql.query(
          `update "${b.schema}".events
              set data = jsonb_set(jsonb_set(data, '{result,total,points}', to_jsonb((data->>'newScore')::int + 10)),
                                   '{newScore}', to_jsonb((data->>'newScore')::int + 10))
            where stream_id = $1 and type = 'ScoreRevised' and data->>'reviewId' = 'rev-2'`,
          [streamOf(sessions.steady)],
        )
      } finally {
        await sql.close()
      }
      await withStore((store) => recordWithoutRescore(store, R3))
      const dry = JSON.parse((await rescore([...b.args, '--json'])).stdout) as DryRun
      expect(dry.findings).toEqual([
        expect.objectContaining({
          sessionId: sessions.steady,
          reviewId: 'rev-3',
          problem: 'would-lower',
          rule: 'SCO-5',
        }),
      ])
      expect(dry.changes.map((change) => change.sessionId).sort()).toEqual(
        [sessions.flip, sessions.raise, sessions.annulled].sort(),
      )
      const applied = await rescore([...b.args, '--apply'])
      expect(applied.code).toBe(1)
      expect(applied.stdout).toMatch(/would-lower.*not written/)
      const third = (await revisions()).filter((revision) => revision.reviewId === 'rev-3')
      expect(third.map((revision) => revision.sessionId).sort()).toEqual(
        [sessions.flip, sessions.raise, sessions.annulled].sort(),
      )
    })

    it('exit codes: 2 for usage (bad option, unknown sitting, no store there), 3 for a store that cannot be reached', async () => {
      expect((await rescore(['--bogus'])).code).toBe(2)
      expect((await rescore([...b.args, '--exam', 'no-such-sitting'])).code).toBe(2)
      expect((await rescore(['--data-dir', join(tmpdir(), `missing-${randomUUID()}`), '--apply'])).code).toBe(
        2,
      )
      const unreachable = ['--store', 'postgres', '--database-url', 'postgres://postgres@127.0.0.1:1/none']
      expect((await rescore(unreachable)).code).toBe(3)
      expect((await rescore(['--help'])).stdout).toMatch(/usage: imtahan rescore/)
      expect(commands.rescore?.summary).toMatch(/SCO-5/)
    })
  })
})
