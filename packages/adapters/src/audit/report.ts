import { sha256Hex } from '../store/hash-chain.js'
import type { ChainHead, CheckDetails } from './check.js'
import type { Finding, PositionJson, Totals } from './finding.js'

/** One check's verdict in a report. */
export type CheckReport = {
  readonly name: string
  readonly title: string
  /** True when the check ran and found nothing; a skipped check is not ok and not failed. */
  readonly ok: boolean
  readonly skipped?: string
  readonly totals: Totals
  /** How many findings there were; `findings` lists at most the report's limit of them. */
  readonly findingCount: number
  readonly findings: readonly Finding[]
  readonly details?: CheckDetails
}

/**
 * What an auditor files. JSON-safe throughout (`--json` prints it as is).
 * `digest` fingerprints the whole history that was audited — SHA-256 over
 * every stream's last revision and hash — so an audit of an export and an
 * audit of the store can be shown to have read the same log, and a later
 * audit can be compared with a signed one.
 */
export type AuditReport = {
  readonly format: 'imtahan-audit/1'
  readonly ok: boolean
  readonly source: string
  readonly startedAt: string
  readonly finishedAt: string
  readonly events: number
  readonly streams: number
  readonly lastPosition: PositionJson | null
  readonly digest: string
  readonly findingCount: number
  readonly checks: readonly CheckReport[]
}

/** SHA-256 over `streamId revision hash` lines sorted by stream id. */
export const headsDigest = (heads: ReadonlyMap<string, ChainHead>): string =>
  sha256Hex(
    [...heads]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([streamId, head]) => `${streamId} ${head.revision} ${head.hash}\n`)
      .join(''),
  )
