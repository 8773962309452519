import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { logAuditSource, runAudit } from '../../src/audit/index.js'
import { exportFileAuditSource, exportLog, parseExport, toExportLine } from '../../src/export/index.js'
import { createMemoryEventStore } from '../../src/store/memory.js'
import { buildHistory } from '../audit/history.js'

const folder = mkdtempSync(join(tmpdir(), 'imtahan-export-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

const lines = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '')

describe('NDJSON export and audit --from-file', async () => {
  const store = createMemoryEventStore()
  const history = await buildHistory(store, 900)
  const path = join(folder, 'log.ndjson')
  const chunks: string[] = []
  const summary = await exportLog(store, (chunk) => void chunks.push(chunk))
  writeFileSync(path, chunks.join(''))
  const fromStore = await runAudit(logAuditSource(store, 'memory'))
  const fromFile = await runAudit(exportFileAuditSource(path))

  it('round-trips every event exactly: bigints restored, hashes kept', async () => {
    const { events, problems } = parseExport(lines(path))
    const read = []
    for await (const event of events()) read.push(event)
    expect(problems()).toEqual([])
    expect(read).toEqual(await store.readAll())
    expect(typeof read[0]!.revision).toBe('bigint')
    expect(JSON.parse(lines(path)[0]!)).toMatchObject({
      revision: '0',
      position: { commit: '0', prepare: '0' },
    })
  })

  it('gives the same verdict, totals and digest as auditing the store', () => {
    expect(fromFile.ok).toBe(true)
    expect(fromFile.digest).toBe(fromStore.digest)
    expect(summary).toEqual({
      events: fromStore.events,
      streams: fromStore.streams,
      digest: fromStore.digest,
    })
    expect(fromFile.checks.map((c) => [c.name, c.ok, c.totals])).toEqual(
      fromStore.checks.map((c) => [c.name, c.ok, c.totals]),
    )
  })

  it('finds a tampered line, a malformed line and a reordered line', async () => {
    const original = lines(path)
    const wallet = `wallet-${history.cabinets.leyla.cabinetNumber}`
    const at = original.findIndex((line) => line.includes(`"${wallet}"`) && line.includes('TopUpCredited'))
    const tampered = original.map((line, i) => (i === at ? line.replace('"20.00"', '"200.00"') : line))
    tampered.splice(3, 0, '{"streamId": "half a line')
    const moved = tampered.splice(10, 1)[0]!
    tampered.splice(12, 0, moved)
    const bad = join(folder, 'tampered.ndjson')
    writeFileSync(bad, `${tampered.join('\n')}\n`)
    const report = await runAudit(exportFileAuditSource(bad))
    expect(report.ok).toBe(false)
    const findings = report.checks.flatMap((c) => c.findings)
    expect(findings).toContainEqual(
      expect.objectContaining({ check: 'hash-chain', problem: 'changed', streamId: wallet }),
    )
    expect(findings).toContainEqual(
      expect.objectContaining({ check: 'source', problem: 'malformed-line', line: 4 }),
    )
    expect(findings).toContainEqual(expect.objectContaining({ check: 'source', problem: 'out-of-order' }))
    expect(JSON.stringify(report)).not.toContain('half a line')
  })

  it('exports chosen streams only, merged into global order', async () => {
    const chosen = [
      `wallet-${history.cabinets.murad.cabinetNumber}`,
      `wallet-${history.cabinets.ali.cabinetNumber}`,
    ]
    const out: string[] = []
    const part = await exportLog(store, (chunk) => void out.push(chunk), { streams: chosen })
    const expected = (await store.readAll()).filter((e) => chosen.includes(e.streamId))
    expect(out).toEqual(expected.map((e) => `${toExportLine(e)}\n`))
    expect(part.streams).toBe(2)
  })
})
