import { groupOf } from '../model.js'
import { compiledKeyFor } from '../scoring.js'
import type { SittingView } from '../session/context.js'
import type { ExamEvent } from '../sitting/events.js'
import { finishedSessions, type SittingResults } from '../sitting/results.js'
import { type ToSession, toSession } from './envelopes.js'

/**
 * SCO-5: after an expert review, `ReviseScore` for every finished session
 * whose score the review raises — annulled ones included (SCO-6 keeps them
 * failing, and a court may reverse the annulment). Pure: the event, the
 * sitting and the results projection in, commands out. The projection holds
 * every finished session's final answers, so finding the targets reads no
 * session stream, and each key is compiled once per form.
 *
 * Command id `rescore:<reviewId>:<sessionId>`: redelivery sends the same
 * command, and the session records at most one revision per review.
 */
export const rescoreProcess = (
  event: ExamEvent,
  sitting: SittingView,
  results: SittingResults,
): readonly ToSession[] => {
  if (event.type !== 'ExpertReviewRecorded') return []
  const { review } = event
  const position = sitting.reviews.findIndex((candidate) => candidate.reviewId === review.reviewId)
  const prior = position < 0 ? sitting.reviews : sitting.reviews.slice(0, position)
  const compiled = sitting.forms
    .filter(({ form }) => event.groups.includes(form.group))
    .map(({ form, key }) => ({
      group: form.group,
      before: compiledKeyFor({ form, key, reviews: prior, blueprint: sitting.blueprint }),
      after: compiledKeyFor({ form, key, reviews: [...prior, review], blueprint: sitting.blueprint }),
    }))
  return finishedSessions(results).flatMap((row) => {
    const final = row.final
    const keys = compiled.find((entry) => entry.group === groupOf(row.subgroup))
    if (final === undefined || keys === undefined || final.reviewIds.includes(review.reviewId)) return []
    const answer = final.answers[review.taskId]
    const changes = keys.before.judge(review.taskId, answer) !== keys.after.judge(review.taskId, answer)
    return changes
      ? [
          toSession(`rescore:${review.reviewId}:${row.sessionId}`, row.sessionId, {
            type: 'ReviseScore',
            sessionId: row.sessionId,
            reviewId: review.reviewId,
          }),
        ]
      : []
  })
}
