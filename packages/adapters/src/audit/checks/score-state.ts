import type { RecordedEvent } from '../../store/port.js'
import { type Finding, locate } from '../finding.js'
import type { Session, Sitting } from './score-ledger.js'
import type { ResultRevision } from './score-summary.js'

/** The scores check's fold state; mutated in place (see `foldCheck`). */
export type ScoreState = {
  readonly sittings: Map<string, Sitting>
  /** By stream id: one session per `examsession-…` stream. */
  readonly sessions: Map<string, Session>
  readonly findings: Finding[]
  /** Every change of a result, for the report (score-summary.ts). */
  readonly revisions: ResultRevision[]
  sessionsChecked: number
  revisionsChecked: number
  appealRevisionsChecked: number
  /** Recorded results (ends and revisions) with at least one finding. */
  mismatches: number
}

export type Report = (problem: string, rule: string, message: string) => void

/** Findings about one recorded event, named by its stream and revision; `done` counts a mismatch once. */
export const reporter = (
  state: ScoreState,
  recorded: RecordedEvent,
): { report: Report; done: () => void } => {
  let count = 0
  const report: Report = (problem, rule, message) => {
    count += 1
    state.findings.push({
      check: 'scores',
      problem,
      rule,
      ...locate(recorded),
      message: `${recorded.streamId}@${recorded.revision}: ${message}`,
    })
  }
  return {
    report,
    done: () => {
      if (count > 0) state.mismatches += 1
    },
  }
}
