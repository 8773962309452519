import type { RecordedEvent } from '../store/port.js'
import type { Decoded } from './catalog.js'
import type { SittingReport } from './checks/score-summary.js'
import type { Finding, Totals } from './finding.js'

/** One event as every check sees it: as stored, and as its category's codec reads it. */
export type AuditEvent = {
  readonly recorded: RecordedEvent
  readonly decoded: Decoded
}

/** A stream's last event as the replay found it (highest revision seen). */
export type ChainHead = { readonly revision: bigint; readonly hash: string }

/** What a check may look at once every event has been seen. */
export type FinishContext = {
  /** Each stream's head rebuilt from the events. */
  readonly rebuiltHeads: ReadonlyMap<string, ChainHead>
  /** Stream heads as the store keeps them beside the events (SQL `streams` table); absent for other sources. */
  readonly storedHeads: ReadonlyMap<string, ChainHead> | undefined
  /** Problems the source met while reading (an export line that does not parse). */
  readonly sourceFindings: readonly Finding[]
}

/** What a check concludes. `skipped` says why it could not run on this source (and then it proves nothing). */
export type CheckOutcome = {
  readonly findings: readonly Finding[]
  readonly totals: Totals
  readonly skipped?: string
  /** What a report shows beyond totals (the scores check: each sitting's distributions and revisions). */
  readonly details?: CheckDetails
}

export type CheckDetails = { readonly sittings?: readonly SittingReport[] }

/** One run of a check over one audit: fed every event in global order, then asked for its outcome. */
export type CheckRun = {
  readonly step: (event: AuditEvent) => void
  readonly finish: (context: FinishContext) => CheckOutcome | Promise<CheckOutcome>
}

/**
 * An independent audit check. The engine replays the log once and feeds each
 * check; checks never see each other, so a new rule (e.g. SCO-7 scores) is
 * one more module added to the list in `checks/index.ts`.
 */
export type AuditCheck = {
  /** Short and stable, used in findings and `--json`: `hash-chain`, `money`. */
  readonly name: string
  /** One line for the report: what the check verifies, with its SPEC rules. */
  readonly title: string
  readonly start: () => CheckRun
}

/**
 * A check written as a fold: an initial state, a step per event, a verdict at
 * the end. The state is made fresh for every run, so `step` may update it in
 * place (a replay of millions of events should not copy maps).
 */
export const foldCheck = <State>(spec: {
  readonly name: string
  readonly title: string
  readonly initial: () => State
  readonly step: (state: State, event: AuditEvent) => State
  readonly finish: (state: State, context: FinishContext) => CheckOutcome | Promise<CheckOutcome>
}): AuditCheck => ({
  name: spec.name,
  title: spec.title,
  start: () => {
    let state = spec.initial()
    return {
      step: (event) => {
        state = spec.step(state, event)
      },
      finish: (context) => spec.finish(state, context),
    }
  },
})
