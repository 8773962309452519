import * as E from 'fp-ts/lib/Either.js'
import type { ReviseScore } from './commands.js'
import type { SessionContext } from './context.js'
import { type Decision, nothing, refuse } from './decision.js'
import type { SessionEvent } from './events.js'
import { revisionOf, scoreSession } from './score.js'
import type { SessionState } from './state.js'

/**
 * SCO-5/APL-6: an expert review re-scores a finished session. The new score
 * is computed from the session's own final answers with the reviews it has
 * already absorbed plus this one — so each revision shows exactly what this
 * review changed, whatever order the reviews reach the session in.
 *
 * - Nothing is overwritten: the revision keeps the old and the new score.
 * - A review that changes nothing, or one applied before, records nothing
 *   (the re-score process may deliver it again).
 * - A re-score never lowers a score; a computation that would is refused.
 * - SCO-6: an annulled result is still re-scored (a court may reverse the
 *   annulment) but never passes while annulled.
 * - A session not ended yet has nothing to revise: its end will score it
 *   under the key as it stands then.
 */
export const reviseScore = (command: ReviseScore, state: SessionState, context: SessionContext): Decision => {
  const { ended, result, subgroup } = state
  if (ended === undefined || result === undefined || subgroup === undefined) return nothing
  if (state.reviewIds.includes(command.reviewId)) return nothing
  const review = context.sitting.reviews.find((candidate) => candidate.reviewId === command.reviewId)
  if (review === undefined)
    return refuse('session.unknown_review', `The sitting has no expert review ${command.reviewId}.`, {
      reviewId: command.reviewId,
    })
  const applied = new Set([...state.reviewIds, command.reviewId])
  return E.chain(
    ({ result: revised, reviewIds }: { result: typeof result; reviewIds: readonly string[] }) => {
      if (!reviewIds.includes(command.reviewId) || revised.total.points === result.total.points)
        return nothing
      if (revised.total.points < result.total.points)
        return refuse(
          'session.rescore_would_lower',
          `Review ${command.reviewId} would lower the score from ${result.total.points} to ${revised.total.points}; a re-score never lowers a score.`,
          { reviewId: command.reviewId, oldScore: result.total.points, newScore: revised.total.points },
        )
      const event: SessionEvent = {
        type: 'ScoreRevised',
        sessionId: command.sessionId,
        reviewId: command.reviewId,
        reason: review.reason,
        ...revisionOf(result, revised, state.annulment !== undefined),
        at: context.now,
      }
      return E.right([event])
    },
  )(
    // Appeal corrections stay in force: a later review re-scores on top of them (APL-4).
    scoreSession(
      context.sitting,
      subgroup,
      ended.answers,
      (candidate) => applied.has(candidate.reviewId),
      state.appealCredits,
    ),
  )
}
