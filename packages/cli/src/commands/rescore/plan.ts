import {
  type ExpertReviewRecorded,
  emptySittingResults,
  evolveSittingResults,
  examSessionDecider,
  finishedSessions,
  groupOf,
  rescoreProcess,
  type SessionState,
  type SittingResults,
  type SittingView,
  type SubgroupCode,
  sittingViewOf,
} from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import type { Ledger } from './ledger.js'

/** One `ScoreRevised` the re-score path would record: one review, one session. */
export type Step = {
  readonly reviewId: string
  /** The board's reason, which the revision records beside the review id. */
  readonly reason: string
  readonly oldScore: number
  readonly newScore: number
  readonly oldPassed: boolean
  readonly newPassed: boolean
}

/** One session whose result would change, from its score in force to the last step's. */
export type SessionChange = {
  readonly examId: string
  readonly sessionId: string
  readonly subgroup: SubgroupCode
  /** SCO-6: re-scored (a court may reverse the annulment) but never passing. */
  readonly annulled: boolean
  readonly oldScore: number
  readonly newScore: number
  readonly oldPassed: boolean
  readonly newPassed: boolean
  readonly steps: readonly Step[]
}

export type PlanFinding = {
  readonly examId: string
  readonly sessionId: string
  readonly reviewId: string
  /**
   * `would-lower` (SCO-5: a tampered or inconsistent history; never written),
   * `refused` (the session refused the re-score for another reason),
   * `not-reached` (the review changes this result but the re-score process
   * does not pick the session: `--apply` cannot fix it, the audit calls it
   * `not-rescored`).
   */
  readonly problem: 'would-lower' | 'refused' | 'not-reached'
  readonly rule: 'SCO-5'
  readonly message: string
}

export type RescorePlan = {
  /** The reviews with revisions to record, in the board's order per sitting: what `--apply` runs. */
  readonly reviews: readonly {
    readonly examId: string
    readonly reviewId: string
    readonly revisions: number
  }[]
  readonly sittings: readonly {
    readonly examId: string
    readonly reviews: number
    readonly sessions: number
  }[]
  readonly changes: readonly SessionChange[]
  readonly findings: readonly PlanFinding[]
  readonly totals: {
    readonly sessionsChecked: number
    readonly changes: number
    readonly flips: number
    readonly annulled: number
    readonly revisions: number
    readonly findings: number
  }
}

export class UnknownSittingError extends Error {
  override name = 'UnknownSittingError'
}

type Sitting = { readonly examId: string; readonly view: SittingView; results: SittingResults }

const problemOf = (code: string): PlanFinding['problem'] =>
  code === 'session.rescore_would_lower' ? 'would-lower' : 'refused'

/**
 * One review over the sitting, as the product applies it: `rescoreProcess`
 * picks the sessions (the same derived commands), the session decider
 * decides each `ReviseScore` on the session's state. Every other finished
 * session of the review's groups that has not absorbed it is decided too,
 * only to be sure the process misses nothing (`not-reached`); that outcome
 * is never folded, since `--apply` would not record it.
 */
const applyReview = (
  sitting: Sitting,
  review: ExpertReviewRecorded,
  ledger: Ledger,
  now: Date,
  record: (sessionId: string, subgroup: SubgroupCode, step: Step, annulled: boolean) => void,
  report: (finding: PlanFinding) => void,
) => {
  const { reviewId } = review.review
  const picked = new Set(
    rescoreProcess(review, sitting.view, sitting.results).map((command) => command.streamId),
  )
  const context = { now, sitting: sitting.view }
  for (const row of finishedSessions(sitting.results)) {
    const tail = ledger.tails.get(row.sessionId)
    if (tail === undefined || !review.groups.includes(groupOf(row.subgroup))) continue
    if (tail.reviewIds.includes(reviewId)) continue
    const command = { type: 'ReviseScore' as const, sessionId: row.sessionId, reviewId }
    const decision = examSessionDecider.decide(command, tail, context)
    const finding = (problem: PlanFinding['problem'], message: string) =>
      report({ examId: sitting.examId, sessionId: row.sessionId, reviewId, problem, rule: 'SCO-5', message })
    if (E.isLeft(decision)) {
      // A refusal matters where the product sends the command; elsewhere nothing would be written,
      // and a tampered score the process never reaches is the audit's `score` finding, not ours.
      if (picked.has(row.sessionId)) finding(problemOf(decision.left.code), decision.left.message)
      continue
    }
    const revised = decision.right.flatMap((event) => (event.type === 'ScoreRevised' ? [event] : []))
    if (revised.length === 0) continue
    if (!picked.has(row.sessionId)) {
      finding(
        'not-reached',
        `review ${reviewId} changes this result, but the re-score process does not reach it`,
      )
      continue
    }
    // Folded so the next review sees this one absorbed, as the session and the projection will.
    let state: SessionState = tail
    for (const event of decision.right) {
      state = examSessionDecider.evolve(state, event)
      sitting.results = evolveSittingResults(sitting.results, event)
    }
    ledger.tails.set(row.sessionId, state)
    for (const event of revised)
      record(
        row.sessionId,
        row.subgroup,
        {
          reviewId,
          reason: event.reason,
          oldScore: event.oldScore,
          newScore: event.newScore,
          oldPassed: event.oldPassed,
          newPassed: event.newPassed,
        },
        tail.annulment !== undefined,
      )
  }
}

/**
 * SCO-5 dry run over the log: for each chosen sitting (all by default), its
 * recorded reviews in the board's order, each over every finished session,
 * exactly as the re-score path would apply them now. Consumes `ledger` (the
 * simulated revisions are folded into it). Pure apart from that: it records
 * nothing.
 */
export const planRescore = (
  ledger: Ledger,
  // Each sitting is rescored under the blueprint its ExamDefined records (sittingViewOf).
  options: { readonly exams?: readonly string[]; readonly now: Date },
): RescorePlan => {
  const defined = [...ledger.exams.entries()].filter(([, state]) => state.definition !== undefined)
  const wanted =
    options.exams === undefined || options.exams.length === 0 ? undefined : new Set(options.exams)
  const missing = [...(wanted ?? [])].filter((examId) => !defined.some(([id]) => id === examId))
  if (missing.length > 0) throw new UnknownSittingError(`no sitting ${missing.join(', ')} in the log`)
  const changes = new Map<string, SessionChange>()
  const findings: PlanFinding[] = []
  const sittings: RescorePlan['sittings'][number][] = []
  const reviews: RescorePlan['reviews'][number][] = []
  for (const [examId, state] of defined.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (wanted !== undefined && !wanted.has(examId)) continue
    const view = sittingViewOf(state)
    if (view === undefined) continue
    const sitting: Sitting = { examId, view, results: ledger.results.get(examId) ?? emptySittingResults }
    sittings.push({
      examId,
      reviews: state.reviews.length,
      sessions: finishedSessions(sitting.results).length,
    })
    const record = (sessionId: string, subgroup: SubgroupCode, step: Step, annulled: boolean) => {
      const before = changes.get(sessionId)
      changes.set(sessionId, {
        examId,
        sessionId,
        subgroup,
        annulled,
        oldScore: before?.oldScore ?? step.oldScore,
        oldPassed: before?.oldPassed ?? step.oldPassed,
        newScore: step.newScore,
        newPassed: step.newPassed,
        steps: [...(before?.steps ?? []), step],
      })
    }
    for (const review of state.reviews) {
      let revisions = 0
      const count = (sessionId: string, subgroup: SubgroupCode, step: Step, annulled: boolean) => {
        revisions += 1
        record(sessionId, subgroup, step, annulled)
      }
      applyReview(sitting, review, ledger, options.now, count, (finding) => findings.push(finding))
      if (revisions > 0) reviews.push({ examId, reviewId: review.review.reviewId, revisions })
    }
  }
  const list = [...changes.values()]
  return {
    reviews,
    sittings,
    changes: list,
    findings,
    totals: {
      sessionsChecked: sittings.reduce((sum, sitting) => sum + sitting.sessions, 0),
      changes: list.length,
      flips: list.filter((change) => change.oldPassed !== change.newPassed).length,
      annulled: list.filter((change) => change.annulled).length,
      revisions: list.reduce((sum, change) => sum + change.steps.length, 0),
      findings: findings.length,
    },
  }
}
