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

/** A session the review should have re-scored but whose decider refused (SCO-5): which, and why. */
export type RescoreRefusal = {
  readonly sessionId: string
  readonly code: string
  readonly message: string
  readonly details?: Readonly<Record<string, unknown>>
}

/**
 * What one re-score run did: how many sessions it revised, the sessions it
 * could not (`refused`), and whether it covered every session the review
 * changes (`complete`: nothing refused, nothing left for lack of the store).
 * `interrupted` is the failure that stopped it half-way, if one did.
 */
export type RescoreRun = {
  readonly revised: number
  readonly refused: readonly RescoreRefusal[]
  readonly complete: boolean
  readonly interrupted?: unknown
}

type Revision = { readonly revised: boolean } | { readonly refused: RescoreRefusal }

const reviseOne = async (
  exam: ExamEnv,
  command: ToSession,
  context: SessionContext,
  causationId?: string,
): Promise<Revision> => {
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
    const { code, message, details } = outcome.left
    exam.logger?.warn({ sessionId: command.streamId, refusal: code }, 're-score step refused')
    if (code === 'command.concurrency_exhausted') throw new Error(message)
    return {
      refused: { sessionId: command.streamId, code, message, ...(details === undefined ? {} : { details }) },
    }
  }
  return { revised: outcome.right.events.length > 0 && outcome.right.replayed !== true }
}

/**
 * SCO-5 after `RecordExpertReview`: every finished session the review
 * changes gets one `ReviseScore` (`rescore:<reviewId>:<sessionId>`), and the
 * session records at most one `ScoreRevised` per review. A session whose
 * decider refuses (e.g. `session.rescore_would_lower`) is reported with the
 * refusal and the run is not complete; the others go on. Resumable: after a
 * crash the runner delivers the review again, the projection already shows
 * which sessions were revised, and only the rest are done. A failure of the
 * store stops the run and is answered in `interrupted`, with the sessions
 * revised before it.
 */
export const rescoreSitting = async (
  exam: ExamEnv,
  examId: string,
  reviewId: string,
  causationId?: string,
): Promise<RescoreRun> => {
  const sitting = await sittingOf(exam, examId)
  if (E.isLeft(sitting)) return { revised: 0, refused: [], complete: true }
  const recorded = sitting.right.state.reviews.find(
    (event: ExpertReviewRecorded) => event.review.reviewId === reviewId,
  )
  if (recorded === undefined) return { revised: 0, refused: [], complete: true }
  await exam.results.catchUp()
  const commands = rescoreProcess(recorded, sitting.right.view, await exam.results.results(examId))
  const context = { now: exam.clock.now(), sitting: sitting.right.view }
  let revised = 0
  const refused: RescoreRefusal[] = []
  let interrupted: unknown
  for (let from = 0; from < commands.length && interrupted === undefined; from += PARALLEL) {
    const batch = commands.slice(from, from + PARALLEL)
    // Settled one by one: the revisions of a batch that landed count even when another one failed.
    for (const outcome of await Promise.allSettled(
      batch.map((command) => reviseOne(exam, command, context, causationId)),
    )) {
      if (outcome.status === 'rejected') interrupted ??= outcome.reason
      else if ('refused' in outcome.value) refused.push(outcome.value.refused)
      else if (outcome.value.revised) revised += 1
    }
  }
  // The view only catches up for the next read; its failure undoes no revision.
  if (revised > 0)
    await exam.results.catchUp().catch((error: unknown) => {
      exam.logger?.warn({ error: error instanceof Error ? error.name : typeof error }, 'results view behind')
    })
  const complete = refused.length === 0 && interrupted === undefined
  exam.logger?.info({ examId, reviewId, revised, refused: refused.length, complete }, 'sitting re-scored')
  return { revised, refused, complete, ...(interrupted === undefined ? {} : { interrupted }) }
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
  /** A run stopped by the store is thrown (run it again: it resumes); refused sessions are answered. */
  return async (examId: string, reviewId: string): Promise<RescoreRun> => {
    const run = await rescoreSitting(exam, examId, reviewId)
    if (run.interrupted !== undefined) throw run.interrupted
    return run
  }
}
