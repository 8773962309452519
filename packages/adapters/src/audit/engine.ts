import { createDecoder, DEFAULT_CATALOG, type EventCatalog } from './catalog.js'
import type { AuditCheck, ChainHead, CheckOutcome, FinishContext } from './check.js'
import { DEFAULT_CHECKS } from './checks/index.js'
import { type PositionJson, positionJson } from './finding.js'
import { type AuditReport, type CheckReport, headsDigest } from './report.js'
import type { AuditSource } from './source.js'

export type AuditProgress = {
  readonly seen: number
  readonly total: number | undefined
  readonly done: boolean
}

export type AuditOptions = {
  readonly checks?: readonly AuditCheck[]
  readonly catalog?: EventCatalog
  readonly onProgress?: (progress: AuditProgress) => void
  /** Report progress every this many events (default 1,000). */
  readonly progressEvery?: number
  /** Findings listed per check (default 1,000); the count is always exact. */
  readonly maxFindingsPerCheck?: number
  readonly now?: () => Date
}

const verdict = (name: string, title: string, outcome: CheckOutcome, limit: number): CheckReport => ({
  name,
  title,
  ok: outcome.skipped === undefined && outcome.findings.length === 0,
  ...(outcome.skipped === undefined ? {} : { skipped: outcome.skipped }),
  totals: outcome.totals,
  findingCount: outcome.findings.length,
  findings: outcome.findings.slice(0, limit),
  ...(outcome.details === undefined ? {} : { details: outcome.details }),
})

/**
 * Replays the source once, in global order, feeding every check; then asks
 * each for its verdict. The audit is `ok` only when no check found anything
 * (a skipped check does not fail it: it says in the report what it could not
 * check and why). Reads only: nothing is written anywhere.
 */
export const runAudit = async (source: AuditSource, options: AuditOptions = {}): Promise<AuditReport> => {
  const now = options.now ?? (() => new Date())
  const startedAt = now().toISOString()
  const checks = options.checks ?? DEFAULT_CHECKS
  const decode = createDecoder(options.catalog ?? DEFAULT_CATALOG)
  const every = options.progressEvery ?? 1000
  const total = await source.total?.()
  const runs = checks.map((check) => check.start())
  const heads = new Map<string, ChainHead>()
  let seen = 0
  let lastPosition: PositionJson | null = null

  options.onProgress?.({ seen, total, done: false })
  for await (const recorded of source.events()) {
    const event = { recorded, decoded: decode(recorded) }
    for (const run of runs) run.step(event)
    const head = heads.get(recorded.streamId)
    if (head === undefined || recorded.revision >= head.revision)
      heads.set(recorded.streamId, { revision: recorded.revision, hash: recorded.metadata.hash })
    lastPosition = positionJson(recorded.position)
    seen += 1
    if (seen % every === 0) options.onProgress?.({ seen, total, done: false })
  }
  options.onProgress?.({ seen, total, done: true })

  const context: FinishContext = {
    rebuiltHeads: heads,
    storedHeads: await source.storedHeads?.(),
    sourceFindings: source.problems?.() ?? [],
  }
  const limit = options.maxFindingsPerCheck ?? 1000
  const reports: CheckReport[] = []
  for (const [index, run] of runs.entries()) {
    const check = checks[index]!
    reports.push(verdict(check.name, check.title, await run.finish(context), limit))
  }
  const findingCount = reports.reduce((sum, report) => sum + report.findingCount, 0)
  return {
    format: 'imtahan-audit/1',
    ok: findingCount === 0,
    source: source.name,
    startedAt,
    finishedAt: now().toISOString(),
    events: seen,
    streams: heads.size,
    lastPosition,
    digest: headsDigest(heads),
    findingCount,
    checks: reports,
  }
}
