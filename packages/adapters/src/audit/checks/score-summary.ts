import { groupOf, type SessionEvent, type SubgroupCode } from '@imtahan/domain'
import type { RecordedEvent } from '../../store/port.js'
import type { Session, Sitting } from './score-ledger.js'
import type { ScoreState } from './score-state.js'

/**
 * What a signed report shows of each sitting, from the same replay as the
 * scores check: per subgroup the distribution of the scores in force (as
 * recomputed, which equals what was recorded when the check holds), the pass
 * mark its `ExamDefined` records, and every change of a result (APL-6).
 * Ids, numbers and verdicts only: no answer, name or free-text reason.
 */
export type SubgroupScores = {
  readonly subgroup: SubgroupCode
  readonly passMark: number
  readonly maxPoints: number
  /** `counts[s]`: results in force with score `s`, annulled ones left out; length `maxPoints + 1`. */
  readonly counts: readonly number[]
  /** Finished sessions, annulled included. */
  readonly results: number
  readonly passed: number
  readonly annulled: number
}

export type ResultRevisionKind =
  | 'expert-review'
  | 'appeal'
  | 'court'
  | 'annulment'
  | 'annulment-reversed'
  | 'annulment-upheld'

export type ResultState = { readonly score: number; readonly passed: boolean; readonly annulled: boolean }

export type ResultRevision = {
  readonly examId: string
  readonly streamId: string
  readonly revision: string
  readonly recordedAt: string
  readonly kind: ResultRevisionKind
  /** The review or appeal id; for an annulment its grounds; for a court ruling its outcome. */
  readonly reference: string
  readonly before: ResultState
  readonly after: ResultState
}

export type SittingReport = {
  readonly examId: string
  readonly title: string
  readonly date: string
  readonly published: boolean
  readonly subgroups: readonly SubgroupScores[]
  readonly revisions: readonly ResultRevision[]
}

type Change = Pick<ResultRevision, 'kind' | 'reference' | 'before' | 'after'>

/** The change `event` makes to a result whose state in force is `session`'s, if it changes one. */
const changeOf = (session: Session, event: SessionEvent): Change | undefined => {
  const annulled = session.annulment !== undefined
  const inForce = { score: session.score, passed: session.passed && !annulled, annulled }
  switch (event.type) {
    case 'ScoreRevised':
      return {
        kind: 'expert-review',
        reference: event.reviewId,
        before: { score: event.oldScore, passed: event.oldPassed, annulled },
        after: { score: event.newScore, passed: event.newPassed, annulled },
      }
    case 'ScoreRevisedOnAppeal':
      return {
        kind: event.by === 'court' ? 'court' : 'appeal',
        reference: event.appealId,
        before: { score: event.oldScore, passed: event.oldPassed, annulled },
        after: { score: event.newScore, passed: event.newPassed, annulled },
      }
    case 'ResultAnnulled':
      // The grounds, not the decision id or reason: those are the board's free text.
      return {
        kind: 'annulment',
        reference: event.grounds,
        before: inForce,
        after: { score: session.score, passed: false, annulled: true },
      }
    case 'CourtRulingRecorded':
      if (session.annulment !== event.decisionId) return undefined
      return event.outcome === 'annulment_reversed'
        ? {
            kind: 'annulment-reversed',
            reference: event.outcome,
            before: inForce,
            after: { score: session.score, passed: session.passed, annulled: false },
          }
        : { kind: 'annulment-upheld', reference: event.outcome, before: inForce, after: inForce }
    default:
      return undefined
  }
}

/** Records a change of a result before the scores check folds the event (the state still holds "before"). */
export const trackRevision = (state: ScoreState, recorded: RecordedEvent, event: SessionEvent): void => {
  const session = state.sessions.get(recorded.streamId)
  const change = session === undefined ? undefined : changeOf(session, event)
  if (session === undefined || change === undefined) return
  state.revisions.push({
    examId: session.examId,
    streamId: recorded.streamId,
    revision: recorded.revision.toString(),
    recordedAt: recorded.metadata.recordedAt,
    ...change,
  })
}

const subgroupsOf = (state: ScoreState, sitting: Sitting): SubgroupScores[] => {
  const by = new Map<SubgroupCode, { counts: number[]; results: number; passed: number; annulled: number }>()
  for (const session of state.sessions.values()) {
    if (session.examId !== sitting.examId) continue
    const maxPoints = sitting.blueprint.groups[groupOf(session.subgroup)].maxPoints
    const entry = by.get(session.subgroup) ?? {
      counts: Array.from({ length: maxPoints + 1 }, () => 0),
      results: 0,
      passed: 0,
      annulled: 0,
    }
    by.set(session.subgroup, entry)
    entry.results += 1
    if (session.annulment !== undefined) entry.annulled += 1
    else {
      entry.counts[Math.min(Math.max(session.score, 0), maxPoints)]! += 1
      if (session.passed) entry.passed += 1
    }
  }
  return [...by]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([subgroup, entry]) => ({
      subgroup,
      passMark: sitting.blueprint.passMarks[subgroup].points,
      maxPoints: sitting.blueprint.groups[groupOf(subgroup)].maxPoints,
      ...entry,
    }))
}

/** Every sitting of the log with its distributions and revisions, in the order they were defined. */
export const sittingReports = (state: ScoreState): SittingReport[] =>
  [...state.sittings.values()].map((sitting) => ({
    examId: sitting.examId,
    title: sitting.title,
    date: sitting.date,
    published: sitting.published,
    subgroups: subgroupsOf(state, sitting),
    revisions: state.revisions.filter((row) => row.examId === sitting.examId),
  }))
