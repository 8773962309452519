import {
  type Blueprint,
  type ExpertReviewRecorded,
  examSessionDecider,
  initialSessionState,
  rescoreProcess,
  type SessionContext,
  type ToSession,
} from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import { decodeRecorded } from '../../command/codec.js'
import { systemCall } from '../shared/caller.js'
import type { Env } from '../shared/env.js'
import { SESSION } from '../shared/streams.js'
import { createViews, type ReadModelStorage } from '../shared/views.js'
import { createExamEnv, type ExamEnv, sittingOf } from './env.js'
import { sittingResultsDefinition } from './results-view.js'

/**
 * Sessions re-scored side by side. Each is a short read and a short append,
 * so what bounds the re-score is round trips, not work: with 8, Node sat idle
 * ~40 % of the time waiting on PostgreSQL; 32 keeps more appends per group
 * commit (10,000 sessions, alternated runs: 5.2–7.2 s with 8, 3.7–5.0 s with
 * 32). The reads past the pool's
 * size wait in its queue rather than open connections, so other requests
 * wait behind at most that many sub-millisecond queries.
 */
const PARALLEL = 32

/**
 * A finished session folded from its `SessionEnded` on (self-contained, see
 * docs/decisions.md): a re-score of 10,000 sessions never reads their answers
 * one keystroke at a time. The tail goes to its own cache, never the one
 * readers see (it lacks the slip and the registration).
 */
const seedTail = async (exam: ExamEnv, sessionId: string): Promise<void> => {
  if (exam.tails.peek(sessionId) !== undefined) return
  const from = await exam.results.endRevision(sessionId)
  if (from === undefined) return
  const recorded = await exam.store.readStream(SESSION.streamOf(sessionId), { fromRevision: from })
  const last = recorded[recorded.length - 1]
  if (last === undefined) return
  let state = initialSessionState
  for (const event of recorded) state = examSessionDecider.evolve(state, decodeRecorded(SESSION.codec, event))
  exam.tails.seed(sessionId, { state, revision: last.revision })
}

const reviseOne = async (
  exam: ExamEnv,
  command: ToSession,
  context: SessionContext,
  causationId?: string,
): Promise<number> => {
  await seedTail(exam, command.streamId)
  const outcome = await exam.tails.run(command.streamId, {
    command: command.command,
    context,
    commandId: command.commandId,
    call: systemCall('rescore'),
    ...(causationId === undefined ? {} : { causationId }),
    maxRetries: 25,
  })
  if (E.isLeft(outcome)) {
    exam.logger?.warn({ refusal: outcome.left.code }, 're-score step refused')
    if (outcome.left.code === 'command.concurrency_exhausted') throw new Error(outcome.left.message)
    return 0
  }
  return outcome.right.events.length > 0 && outcome.right.replayed !== true ? 1 : 0
}

/**
 * SCO-5 after `RecordExpertReview`: every finished session the review
 * changes gets one `ReviseScore` (`rescore:<reviewId>:<sessionId>`), and the
 * session records at most one `ScoreRevised` per review. Resumable: after a
 * crash the runner delivers the review again, the projection already shows
 * which sessions were revised, and only the rest are done. Returns how many
 * sessions this run revised.
 */
export const rescoreSitting = async (
  exam: ExamEnv,
  examId: string,
  reviewId: string,
  causationId?: string,
): Promise<number> => {
  const sitting = await sittingOf(exam, examId)
  if (E.isLeft(sitting)) return 0
  const recorded = sitting.right.state.reviews.find(
    (event: ExpertReviewRecorded) => event.review.reviewId === reviewId,
  )
  if (recorded === undefined) return 0
  await exam.results.catchUp()
  const commands = rescoreProcess(recorded, sitting.right.view, await exam.results.results(examId))
  const context = { now: exam.clock.now(), sitting: sitting.right.view }
  let revised = 0
  for (let from = 0; from < commands.length; from += PARALLEL) {
    const batch = commands.slice(from, from + PARALLEL)
    const counts = await Promise.all(batch.map((command) => reviseOne(exam, command, context, causationId)))
    revised += counts.reduce((sum, n) => sum + n, 0)
  }
  if (revised > 0) await exam.results.catchUp()
  exam.logger?.info({ examId, reviewId, revised }, 'sitting re-scored')
  return revised
}

/** All the re-score reads of the application's env: the store, the clock and the logger. */
export type RescorerDeps = Pick<Env, 'store' | 'clock' | 'logger'> & {
  readonly blueprint?: Blueprint
  /** The persisted results view to read; without it the view is folded in memory from the whole log. */
  readonly readModels?: ReadModelStorage
}

/**
 * The product's re-score path without the rest of the application, for
 * `imtahan rescore --apply`: `rescoreSitting` itself, so the operator's
 * repair sends the very commands (same derived ids) the process runner
 * would, and the two can never both revise a session for one review.
 * The cast is safe because the re-score (and `createExamEnv`) reads only
 * the fields `RescorerDeps` names and the views; no cabinet or payment port is needed.
 */
export const createRescorer = (deps: RescorerDeps) => {
  const views = createViews(deps.store, [sittingResultsDefinition], deps.readModels)
  const exam = createExamEnv({ ...deps, views } as unknown as Env, deps.blueprint)
  return (examId: string, reviewId: string): Promise<number> => rescoreSitting(exam, examId, reviewId)
}
