import type { Review } from '../model.js'
import type { AppealCorrection } from './appeal-codecs.js'

/**
 * A per-candidate correction scored as what it means: the task counts as
 * correct for this session. Expressed as the scoring's own `credit_to_all`
 * applied to this one answer sheet, so SCO-7 holds with no second scoring
 * rule — an auditor recomputes from the answers, the key, the reviews and
 * the corrections recorded in `ScoreRevisedOnAppeal`.
 */
export const correctionsAsReviews = (
  revisionId: string,
  corrections: readonly Pick<AppealCorrection, 'taskId'>[],
): Review[] =>
  corrections.map((correction) => ({
    reviewId: `${revisionId}:${correction.taskId}`,
    kind: 'credit_to_all',
    taskId: correction.taskId,
    reason: `Corrected on appeal (${revisionId})`,
  }))
