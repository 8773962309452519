import { describe, expect, it } from 'vitest'
import { logAuditSource, runAudit } from '../../src/audit/index.js'
import { createMemoryEventStore } from '../../src/store/memory.js'
import { buildExamHistory, type Candidate, streamOf } from './exam-history.js'

describe('APL-6/SCO-4: the scores check reports each sitting for a signed report', async () => {
  const store = createMemoryEventStore()
  await buildExamHistory(store)
  const report = await runAudit(logAuditSource(store, 'memory'))
  const [sitting] = report.checks.find((check) => check.name === 'scores')?.details?.sittings ?? []

  it('per subgroup: the pass mark from ExamDefined, results, annulled, passed and the scores in force', () => {
    expect(report.ok).toBe(true)
    const aa2 = sitting!.subgroups.find((row) => row.subgroup === 'AA2')!
    expect(aa2).toMatchObject({ passMark: 112, maxPoints: 140, results: 3, annulled: 1, passed: 2 })
    // Leyla 123 and Murad 113 after every revision; Tural (annulled) is counted, not drawn.
    expect(aa2.counts).toHaveLength(141)
    expect(aa2.counts.flatMap((n, score) => Array.from({ length: n }, () => score))).toEqual([113, 123])
    const bb3 = sitting!.subgroups.find((row) => row.subgroup === 'BB3')!
    expect(bb3).toMatchObject({ passMark: 70, maxPoints: 100, results: 1, annulled: 0, passed: 1 })
    expect(bb3.counts[80]).toBe(1)
  })

  it('every change of a result, with the score and verdict before and after, in log order', () => {
    const of = (who: Candidate) =>
      sitting!.revisions
        .filter((row) => row.streamId === streamOf(who))
        .map((row) => [row.kind, row.before.score, row.after.score, row.after.passed, row.after.annulled])
    expect(of('leyla')).toEqual([
      ['expert-review', 118, 119, true, false],
      ['expert-review', 119, 121, true, false],
      ['appeal', 121, 122, true, false],
      ['expert-review', 122, 123, true, false],
    ])
    expect(of('murad')).toEqual([
      ['expert-review', 111, 112, true, false],
      ['expert-review', 112, 113, true, false],
    ])
    // SCO-6: annulled before the reviews; re-scored, never passing.
    expect(of('tural')).toEqual([
      ['annulment', 111, 111, false, true],
      ['expert-review', 111, 112, false, true],
      ['expert-review', 112, 113, false, true],
    ])
    expect(of('aynur')).toEqual([])
    const annulment = sitting!.revisions.find((row) => row.kind === 'annulment')!
    expect(annulment.reference).toBe('forged_documents')
  })
})
