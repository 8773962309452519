import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type AuditReport, openSqlDatabase } from '@imtahan/adapters'
import { createPgliteEventStore } from '@imtahan/adapters/pglite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildHistory } from '../../adapters/test/audit/history.js'
import { runAuditCommand } from '../src/commands/audit.js'
import { runExportCommand } from '../src/commands/export.js'

const dataDir = mkdtempSync(join(tmpdir(), 'imtahan-cli-audit-'))

/** Runs a command in-process with captured output (stderr not a terminal). */
const run = async (command: typeof runAuditCommand, args: string[]) => {
  let stdout = ''
  let stderr = ''
  const code = await command(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    env: {},
  })
  return { code, stdout, stderr }
}

describe('imtahan audit and export on a PGlite folder', () => {
  let wallet = ''
  beforeAll(async () => {
    const store = await createPgliteEventStore({ dataDir: join(dataDir, 'pglite') })
    const history = await buildHistory(store, 950)
    wallet = `wallet-${history.cabinets.ali.cabinetNumber}`
    await store.close()
  })
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  it('exits 0 on a clean history and prints a report an auditor can file', async () => {
    const { code, stdout, stderr } = await run(runAuditCommand, ['--data-dir', dataDir])
    expect(code).toBe(0)
    expect(stdout).toMatch(/verdict: PASSED/)
    expect(stdout).toMatch(/\[ok\] money: WAL-6/)
    expect(stdout).toMatch(/paymentsCredited\s+70\.00/)
    expect(stdout).toMatch(/signature/)
    expect(stderr).toMatch(/events replayed/)
  })

  it('--json gives the machine-readable report', async () => {
    const { code, stdout } = await run(runAuditCommand, ['--data-dir', dataDir, '--json', '--quiet'])
    const report = JSON.parse(stdout) as AuditReport
    expect(code).toBe(0)
    expect(report).toMatchObject({ format: 'imtahan-audit/1', ok: true, findingCount: 0 })
    expect(report.digest).toMatch(/^[0-9a-f]{64}$/)
    expect(report.checks.map((check) => [check.name, check.ok])).toEqual([
      ['source', true],
      ['hash-chain', true],
      ['stream-heads', true],
      ['decode', true],
      ['money', true],
      ['scores', true],
    ])
  })

  it('export → file → audit --from-file gives the same verdict and digest', async () => {
    const out = join(dataDir, 'log.ndjson')
    const exported = await run(runExportCommand, ['--data-dir', dataDir, '--out', out])
    expect(exported.code).toBe(0)
    const fromStore = JSON.parse(
      (await run(runAuditCommand, ['--data-dir', dataDir, '--json'])).stdout,
    ) as AuditReport
    const fromFile = await run(runAuditCommand, ['--from-file', out, '--json'])
    const report = JSON.parse(fromFile.stdout) as AuditReport
    expect(fromFile.code).toBe(0)
    expect(report.digest).toBe(fromStore.digest)
    expect(exported.stderr).toContain(report.digest)
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(report.events)
  })

  it('exits 2 on usage errors, and on a folder with no database rather than auditing an empty one', async () => {
    expect((await run(runAuditCommand, ['--store', 'nope'])).code).toBe(2)
    expect((await run(runAuditCommand, ['--bogus'])).code).toBe(2)
    expect((await run(runAuditCommand, ['--data-dir', join(dataDir, 'missing')])).code).toBe(2)
    expect((await run(runAuditCommand, ['--from-file', join(dataDir, 'none.ndjson')])).code).toBe(2)
  })

  it('exits 1 and names the stream and revision when an event was changed behind the product’s back', async () => {
    const client = await openSqlDatabase({ kind: 'pglite', dataDir: join(dataDir, 'pglite') })
    await client.query(
      `update imtahan.events set data = jsonb_set(data, '{amount}', '"99.00"') where stream_id = $1 and revision = 2`,
      [wallet],
    )
    await client.close()
    const { code, stdout } = await run(runAuditCommand, ['--data-dir', dataDir, '--json'])
    const report = JSON.parse(stdout) as AuditReport
    expect(code).toBe(1)
    expect(report.ok).toBe(false)
    expect(report.checks.find((check) => check.name === 'hash-chain')!.findings).toMatchObject([
      { problem: 'changed', streamId: wallet, revision: '2' },
    ])
    const text = await run(runAuditCommand, ['--data-dir', dataDir])
    expect(text.stdout).toMatch(/verdict: FAILED/)
    expect(text.stdout).toContain(`${wallet}@2`)
  })
})
