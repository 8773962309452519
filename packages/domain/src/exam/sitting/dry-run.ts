import type { Blueprint } from '../blueprint.js'
import { DEFAULT_BLUEPRINT } from '../blueprint.js'
import { groupOf, type Review } from '../model.js'
import { type ResultChange, type ReviewedSession, type ReviewImpact, reviewImpact } from '../review-impact.js'
import { finishedSessions, type SittingResults } from './results.js'
import type { ExamState } from './state.js'

/**
 * SCO-5 dry run: before the board records a review, exactly which results
 * would change and which pass/fail outcomes would flip. A pure query over
 * the sitting and its results projection — it records nothing.
 */
export const reviewDryRun = (
  state: ExamState,
  results: SittingResults,
  review: Review,
  blueprint: Blueprint = DEFAULT_BLUEPRINT,
): ReviewImpact => {
  const sessions = finishedSessions(results)
  const priorReviews = state.reviews.map((recorded) => recorded.review)
  const impacts = (state.definition?.forms ?? [])
    .filter(({ form }) => form.tasks.some((task) => task.id === review.taskId))
    .map(({ form, key }) =>
      reviewImpact({
        form,
        key,
        priorReviews,
        review,
        blueprint,
        sessions: sessions
          .filter((row) => groupOf(row.subgroup) === form.group && row.final !== undefined)
          .map(
            (row): ReviewedSession => ({
              sessionId: row.sessionId,
              subgroup: row.subgroup,
              answers: row.final?.answers ?? {},
              annulled: row.final?.annulled ?? false,
            }),
          ),
      }),
    )
  const changes: ResultChange[] = impacts.flatMap((impact) => [...impact.changes])
  return {
    changes,
    flips: changes.filter((change) => change.oldPassed !== change.newPassed),
    annulledUnaffected: impacts.flatMap((impact) => [...impact.annulledUnaffected]),
  }
}
