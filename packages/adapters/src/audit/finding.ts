import type { Position, RecordedEvent } from '../store/port.js'

/**
 * One thing the audit found wrong. Everything is JSON-safe (revisions and
 * positions as decimal strings), so a report can be filed as it is. A finding
 * names where it lies — stream and revision, global position, or the line of
 * an export file — and never quotes event data, which may hold personal data.
 */
export type Finding = {
  /** The check that found it, e.g. `hash-chain`. */
  readonly check: string
  /** A stable word per kind of problem, e.g. `changed`, `missing`, `undecodable`. */
  readonly problem: string
  /** The SPEC rule it breaks, when there is one (WAL-6, PAY-4, …). */
  readonly rule?: string
  readonly streamId?: string
  readonly revision?: string
  readonly position?: PositionJson
  /** The line of an export file. */
  readonly line?: number
  readonly message: string
}

export type PositionJson = { readonly commit: string; readonly prepare: string }

/** Numbers an auditor reads and compares (counts, amounts as `0.00` strings). */
export type Totals = Readonly<Record<string, string | number>>

export const positionJson = (position: Position): PositionJson => ({
  commit: position.commit.toString(),
  prepare: position.prepare.toString(),
})

/** Where an event lies, as a finding states it. */
export const locate = (
  event: Pick<RecordedEvent, 'streamId' | 'revision' | 'position'>,
): Pick<Finding, 'streamId' | 'revision' | 'position'> => ({
  streamId: event.streamId,
  revision: event.revision.toString(),
  position: positionJson(event.position),
})
