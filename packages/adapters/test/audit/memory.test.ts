import { describe, expect, it } from 'vitest'
import { type AuditReport, logAuditSource, runAudit } from '../../src/audit/index.js'
import { createMemoryEventStore } from '../../src/store/memory.js'
import { buildHistory, HISTORY_TOTALS } from './history.js'

const check = (report: AuditReport, name: string) => report.checks.find((c) => c.name === name)!

describe('audit of a clean history (memory store, through the facade)', async () => {
  const store = createMemoryEventStore()
  await buildHistory(store)
  const progress: Array<{ seen: number; done: boolean }> = []
  const report = await runAudit(logAuditSource(store, 'memory'), {
    progressEvery: 10,
    onProgress: ({ seen, done }) => progress.push({ seen, done }),
  })

  it('is ok: every check holds, and the verdict covers every event', async () => {
    expect(report.findingCount).toBe(0)
    expect(report.ok).toBe(true)
    expect(report.events).toBe((await store.readAll()).length)
    expect(report.checks.map((c) => c.name)).toEqual([
      'source',
      'hash-chain',
      'stream-heads',
      'decode',
      'money',
      'scores',
    ])
    expect(check(report, 'decode').totals.decoded).toBe(report.events)
  })

  it('WAL-6/PAY-4: prints the money totals — credited, fees, balances, in flight — and they balance', () => {
    expect(check(report, 'money')).toMatchObject({ ok: true, totals: HISTORY_TOTALS })
  })

  it('says what it could not check on this source instead of passing it silently', () => {
    expect(check(report, 'stream-heads')).toMatchObject({
      ok: false,
      skipped: expect.stringMatching(/no stream heads/),
    })
  })

  it('reports progress as it replays, ending with the total', () => {
    expect(progress.at(-1)).toEqual({ seen: report.events, done: true })
    expect(progress.filter((p) => !p.done).length).toBeGreaterThan(2)
  })
})
