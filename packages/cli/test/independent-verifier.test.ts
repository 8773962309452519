import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type AuditReport, createMemoryEventStore, type Finding, hashEvent } from '@imtahan/adapters'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildExamHistory } from '../../adapters/test/audit/exam-history.js'
import { buildHistory } from '../../adapters/test/audit/history.js'
import { runAuditCommand } from '../src/commands/audit.js'
import { demoExport, exportToFile } from './demo-export.js'

/**
 * docs/auditors/verify_export.py is the auditor's second opinion, written
 * from docs/auditors.md alone. On the same export it must reach the verdict,
 * digest and totals of `imtahan audit --from-file`, and when one digit of one
 * event is changed both must fail and both must name that event.
 */
const SCRIPT = fileURLToPath(new URL('../../../docs/auditors/verify_export.py', import.meta.url))
const python = spawnSync('python3', ['--version']).status === 0

type Verified = {
  readonly ok: boolean
  readonly digest: string
  readonly events: number
  readonly streams: number
  readonly money: Record<string, string | number>
  readonly scores: Record<string, number>
  readonly findings: readonly {
    readonly streamId?: string
    readonly revision?: string
    readonly check: string
  }[]
}

const verify = (path: string) => {
  const run = spawnSync('python3', [SCRIPT, path, '--json'], { encoding: 'utf8' })
  return { code: run.status, report: JSON.parse(run.stdout) as Verified, stderr: run.stderr }
}

const audit = async (path: string) => {
  let stdout = ''
  const code = await runAuditCommand(['--from-file', path, '--json', '--quiet'], {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: () => true, isTTY: false },
    env: {},
  })
  return { code, report: JSON.parse(stdout) as AuditReport }
}

const totalsOf = (report: AuditReport, check: string) =>
  report.checks.find((item) => item.name === check)?.totals ?? {}

/** What both tools must agree on. */
const agreed = (report: AuditReport) => {
  const money = totalsOf(report, 'money')
  const scores = totalsOf(report, 'scores')
  return {
    ok: report.ok,
    digest: report.digest,
    events: report.events,
    streams: report.streams,
    balancesTotal: money.balancesTotal,
    transfersInFlight: money.transfersInFlight,
    topUpsInFlight: money.topUpsInFlight,
    paymentsCredited: money.paymentsCredited,
    feesCharged: money.feesCharged,
    accounts: money.accounts,
    sittings: scores.sittings,
    sittingsPublished: scores.sittingsPublished,
    sessionsChecked: scores.sessionsChecked,
    revisionsChecked: scores.revisionsChecked,
    appealRevisionsChecked: scores.appealRevisionsChecked,
  }
}

const agreedPy = (report: Verified) => ({
  ok: report.ok,
  digest: report.digest,
  events: report.events,
  streams: report.streams,
  balancesTotal: report.money.balancesTotal,
  transfersInFlight: report.money.transfersInFlight,
  topUpsInFlight: report.money.topUpsInFlight,
  paymentsCredited: report.money.paymentsCredited,
  feesCharged: report.money.feesCharged,
  accounts: report.money.accounts,
  sittings: report.scores.sittings,
  sittingsPublished: report.scores.sittingsPublished,
  sessionsChecked: report.scores.sessionsChecked,
  revisionsChecked: report.scores.revisionsChecked,
  appealRevisionsChecked: report.scores.appealRevisionsChecked,
})

const named = (findings: readonly Pick<Finding, 'streamId' | 'revision'>[]) =>
  new Set(findings.map((finding) => `${finding.streamId}@${finding.revision}`))

describe.skipIf(!python)(
  'an auditor’s own verifier (docs/auditors/verify_export.py) agrees with imtahan audit',
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'imtahan-verify-'))
    const clean = join(dir, 'demo.ndjson')
    beforeAll(() => demoExport(clean), 120_000)
    afterAll(() => rmSync(dir, { recursive: true, force: true }))

    it('WAL-6, SCO-7: on the demo export both pass with the same digest, balances, in-flight money and scores', async () => {
      const ours = await audit(clean)
      const theirs = verify(clean)
      expect(theirs.report.findings).toEqual([])
      expect(theirs.code).toBe(0)
      expect(ours.code).toBe(0)
      expect(agreedPy(theirs.report)).toEqual(agreed(ours.report))
      // The demo records an expert review that re-scores results: revisions are really recomputed.
      expect(theirs.report.scores.sessionsChecked).toBeGreaterThan(0)
      expect(theirs.report.scores.revisionsChecked).toBeGreaterThan(0)
    })

    it('one digit changed in one event: both fail, both name that event (stream and revision)', async () => {
      const lines = readFileSync(clean, 'utf8').split('\n')
      const index = lines.findIndex((line) => line.includes('"type":"TopUpCredited"'))
      const line = JSON.parse(lines[index]!) as {
        streamId: string
        revision: string
        data: { amount: string }
      }
      const amount = line.data.amount
      const changed = `${amount[0] === '9' ? '8' : String(Number(amount[0]) + 1)}${amount.slice(1)}`
      lines[index] = lines[index]!.replace(`"amount":"${amount}"`, `"amount":"${changed}"`)
      const tampered = join(dir, 'tampered.ndjson')
      writeFileSync(tampered, lines.join('\n'))
      const event = `${line.streamId}@${line.revision}`

      const ours = await audit(tampered)
      const theirs = verify(tampered)
      expect(ours.code).toBe(1)
      expect(theirs.code).toBe(1)
      expect(ours.report.ok).toBe(false)
      expect(theirs.report.ok).toBe(false)
      const chain = ours.report.checks.find((check) => check.name === 'hash-chain')?.findings ?? []
      expect(named(chain)).toContain(event)
      expect(named(theirs.report.findings.filter((finding) => finding.check === 'hash-chain'))).toContain(
        event,
      )
      expect(theirs.report.digest).toBe(ours.report.digest)
    })
  },
)

type Line = {
  streamId: string
  revision: string
  id: string
  type: string
  data: Record<string, unknown>
  metadata: { previousHash: string | null; hash: string; recordedAt: string; principal?: string }
}

/**
 * An insider's rewrite of an export: one event's data changed, and it and
 * every later event of its stream re-hashed, so the chain holds and only a
 * recomputation of money or scores can tell.
 */
const rewrite = (
  text: string,
  pick: (line: Line) => boolean,
  change: (data: Record<string, unknown>) => void,
) => {
  const lines = text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Line)
  const target = lines.find(pick)!
  let previousHash: string | null = null
  for (const line of lines) {
    if (line.streamId !== target.streamId || BigInt(line.revision) < BigInt(target.revision)) continue
    previousHash ??= line.metadata.previousHash
    if (line === target) change(line.data)
    const hash = hashEvent({ ...line.metadata, ...line, revision: BigInt(line.revision), previousHash })
    line.metadata = { ...line.metadata, previousHash, hash }
    previousHash = hash
  }
  return {
    text: lines.map((line) => JSON.stringify(line)).join('\n'),
    event: `${target.streamId}@${target.revision}`,
  }
}

describe.skipIf(!python)(
  'verify_export.py on transfers, unclaimed payments, appeals, annulments and court rulings',
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'imtahan-verify-rich-'))
    const clean = join(dir, 'history.ndjson')
    beforeAll(async () => {
      const store = createMemoryEventStore()
      await buildHistory(store)
      await buildExamHistory(store)
      await exportToFile(store, clean)
    }, 120_000)
    afterAll(() => rmSync(dir, { recursive: true, force: true }))

    it('WAL-5, WAL-6, APL-4, SCO-6: both pass with the same digest and totals, appeal revisions included', async () => {
      const ours = await audit(clean)
      const theirs = verify(clean)
      expect(theirs.report.findings).toEqual([])
      expect(agreedPy(theirs.report)).toEqual(agreed(ours.report))
      expect(theirs.report.scores.appealRevisionsChecked).toBeGreaterThan(0)
      // buildHistory's money: 77.00 received, 7.00 of it unclaimed; two transfers settled; fees 15.00.
      expect(theirs.report.money).toMatchObject({
        paymentsReceived: 3,
        paymentsCredited: '70.00',
        feesCharged: '15.00',
        balancesTotal: '55.00',
        transfersInFlight: '0.00',
      })
    })

    it('SCO-7: a recorded score raised by an insider who re-hashed the stream is named by both', async () => {
      const path = join(dir, 'score.ndjson')
      const { text, event } = rewrite(
        readFileSync(clean, 'utf8'),
        (line) => line.type === 'SessionEnded',
        (data) => {
          ;(data.result as { total: { points: number } }).total.points += 10
        },
      )
      writeFileSync(path, text)
      const ours = await audit(path)
      const theirs = verify(path)
      expect([ours.code, theirs.code]).toEqual([1, 1])
      const scores = ours.report.checks.find((check) => check.name === 'scores')?.findings ?? []
      expect(named(scores)).toContain(event)
      expect(named(theirs.report.findings.filter((finding) => finding.check === 'scores'))).toContain(event)
      expect(theirs.report.findings.filter((finding) => finding.check === 'hash-chain')).toEqual([])
    })

    it('WAL-6: a fee lowered by an insider who re-hashed the stream is named by both (the account)', async () => {
      const path = join(dir, 'money.ndjson')
      const { text, event } = rewrite(
        readFileSync(clean, 'utf8'),
        (line) => line.type === 'FeeCharged',
        (data) => {
          data.amount = '5.00'
        },
      )
      writeFileSync(path, text)
      const ours = await audit(path)
      const theirs = verify(path)
      expect([ours.code, theirs.code]).toEqual([1, 1])
      const stream = event.split('@')[0]
      const money = ours.report.checks.find((check) => check.name === 'money')?.findings ?? []
      expect(money.map((finding) => finding.streamId)).toContain(stream)
      expect(named(theirs.report.findings.filter((finding) => finding.check === 'money'))).toContain(event)
    })
  },
)

/** Every stream of an export re-hashed from revision 0, as an insider who rewrote events would. */
const rehashAll = (lines: readonly Line[]): string => {
  const previous = new Map<string, string>()
  for (const line of lines) {
    const previousHash = previous.get(line.streamId) ?? null
    const hash = hashEvent({ ...line.metadata, ...line, revision: BigInt(line.revision), previousHash })
    line.metadata = { ...line.metadata, previousHash, hash }
    previous.set(line.streamId, hash)
  }
  return lines.map((line) => JSON.stringify(line)).join('\n')
}

const sessionsNamed = (findings: readonly Pick<Finding, 'streamId'>[]) =>
  [
    ...new Set(findings.map((finding) => finding.streamId).filter((id) => id?.startsWith('examsession-'))),
  ].sort()

describe.skipIf(!python)(
  'verify_export.py reads the blueprint from ExamDefined, as imtahan audit does',
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'imtahan-verify-blueprint-'))
    const clean = join(dir, 'demo.ndjson')
    beforeAll(() => demoExport(clean), 120_000)
    afterAll(() => rmSync(dir, { recursive: true, force: true }))

    it('an export from before ExamDefined version 2 (read with the SPEC §3.1 defaults): same verdict and totals', async () => {
      const fixture = fileURLToPath(
        new URL('../../adapters/test/audit/fixtures/exam-defined-v1.ndjson', import.meta.url),
      )
      const ours = await audit(fixture)
      const theirs = verify(fixture)
      expect(theirs.report.findings).toEqual([])
      expect([ours.code, theirs.code]).toEqual([0, 0])
      expect(agreedPy(theirs.report)).toEqual(agreed(ours.report))
      expect(theirs.report.scores.sessionsChecked).toBe(4)
    })

    it('SCO-4: a non-default pass mark in ExamDefined (re-hashed) flips the same verdicts in both', async () => {
      const lines = readFileSync(clean, 'utf8')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as Line)
      type Result = { subgroup: string; passed: boolean; total: { points: number } }
      const end = lines.find((line) => line.type === 'SessionEnded')!
      const { subgroup, passed, total } = end.data.result as Result
      const defined = lines.find((line) => line.type === 'ExamDefined')!
      expect(defined.data.version).toBe(2)
      const marks = (defined.data.blueprint as { passMarks: Record<string, { points: number }> }).passMarks
      // Just above the first result's score when it passed, at it when it failed: its verdict flips.
      marks[subgroup] = { ...marks[subgroup]!, points: passed ? total.points + 1 : total.points }
      const path = join(dir, 'pass-mark.ndjson')
      writeFileSync(path, rehashAll(lines))

      const ours = await audit(path)
      const theirs = verify(path)
      expect([ours.code, theirs.code]).toEqual([1, 1])
      expect(theirs.report.findings.filter((finding) => finding.check === 'hash-chain')).toEqual([])
      const scores = ours.report.checks.find((check) => check.name === 'scores')?.findings ?? []
      const theirScores = theirs.report.findings.filter((finding) => finding.check === 'scores')
      // Every session of that subgroup records the old pass mark; both name exactly those sessions.
      const ofSubgroup = lines
        .filter((line) => line.type === 'SessionEnded' && (line.data.result as Result).subgroup === subgroup)
        .map((line) => line.streamId)
        .sort()
      expect(sessionsNamed(scores)).toEqual(ofSubgroup)
      expect(sessionsNamed(theirScores)).toEqual(ofSubgroup)
      expect(named(theirScores)).toContain(`${end.streamId}@${end.revision}`)
      expect(named(scores)).toContain(`${end.streamId}@${end.revision}`)
    })

    it('SCO-2: an open-answer normalisation the verifier does not know is a finding, not a guess', () => {
      const lines = readFileSync(clean, 'utf8')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as Line)
      const defined = lines.find((line) => line.type === 'ExamDefined')!
      defined.data.openAnswerNormalisation = 2
      const path = join(dir, 'normalisation.ndjson')
      writeFileSync(path, rehashAll(lines))
      const theirs = verify(path)
      expect(theirs.code).toBe(1)
      expect(theirs.report.findings.map((finding) => `${finding.streamId}@${finding.revision}`)).toEqual([
        `${defined.streamId}@${defined.revision}`,
      ])
    })
  },
)
