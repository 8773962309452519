import { type Blueprint, type ExpertReviewRecorded, rescoreProcess } from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import { awaitLease, type Leases } from '../../runner/lease.js'
import { eventContextOf, systemCall } from '../shared/caller.js'
import type { Env } from '../shared/env.js'
import { createViews, type ReadModelStorage } from '../shared/views.js'
import { createExamEnv, type ExamEnv, sittingOf } from './env.js'
import { type RescoreChunk, type RescoreRefusal, rescoreInChunks } from './rescore-batch.js'
import { sittingResultsDefinition } from './results-view.js'

export type { RescoreRefusal } from './rescore-batch.js'

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

/**
 * The items of `source`, the next one already asked for while the caller
 * works on this one: the database reads the next page of results while Node
 * decides the current one. A failure of the read ahead is met by the
 * caller's next step, as it would be without it.
 */
async function* readingAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const items = source[Symbol.asyncIterator]()
  let next = items.next()
  try {
    for (;;) {
      const step = await next
      if (step.done === true) return
      next = items.next()
      // Awaited on the next turn, unless the caller stops first: never an unhandled rejection.
      next.catch(() => {})
      yield step.value
    }
  } finally {
    await items.return?.()
  }
}

/** The lease one review's re-score runs under: at most one process re-scores a review at a time. */
export const rescoreLeaseName = (reviewId: string) => `imtahan.rescore:${reviewId}`
const LEASE_RETRY_MS = 250

const rescoreUnderLease = async (
  exam: ExamEnv,
  examId: string,
  reviewId: string,
  causationId: string | undefined,
  lost: AbortSignal,
): Promise<RescoreRun> => {
  const sitting = await sittingOf(exam, examId)
  if (E.isLeft(sitting)) return { revised: 0, refused: [], complete: true }
  const recorded = sitting.right.state.reviews.find(
    (event: ExpertReviewRecorded) => event.review.reviewId === reviewId,
  )
  if (recorded === undefined) return { revised: 0, refused: [], complete: true }
  await exam.results.catchUp()
  const view = sitting.right.view
  // A page of the results view at a time, one chunk each: a quarter first, so the database starts
  // writing while the rest is read and decided; nothing holds every session of the sitting at once.
  const size = exam.rescoreChunkSize
  const chunks = async function* (): AsyncGenerator<RescoreChunk> {
    const pages = exam.results.pages(examId, (index) =>
      index === 0 ? Math.max(1, Math.floor(size / 4)) : size,
    )
    for await (const { results, endRevisions, tails } of readingAhead(pages))
      yield { commands: rescoreProcess(recorded, view, results), endRevisions, tails }
  }
  const { revised, refused, interrupted } = await rescoreInChunks(exam, {
    chunks: chunks(),
    context: { now: exam.clock.now(), sitting: view },
    eventContext: eventContextOf(systemCall('rescore'), causationId),
    lost,
  })
  // The results view is not caught up here: every reader catches it up before it reads, and the
  // projection runner follows the log; the re-score's answer needs none of it.
  const complete = refused.length === 0 && interrupted === undefined
  exam.logger?.info({ examId, reviewId, revised, refused: refused.length, complete }, 'sitting re-scored')
  return { revised, refused, complete, ...(interrupted === undefined ? {} : { interrupted }) }
}

/**
 * SCO-5 after `RecordExpertReview`: every finished session the review
 * changes gets one `ReviseScore` (`rescore:<reviewId>:<sessionId>`), and the
 * session records at most one `ScoreRevised` per review. The sessions go in
 * chunks (see `rescoreInChunks`: decided on the results view's copy of each
 * session's stream after its end, one append per chunk, pipelined). A session whose
 * decider refuses (e.g. `session.rescore_would_lower`) is reported with the
 * refusal and the run is not complete; the others go on. Resumable: the
 * results view shows which sessions a crashed run already revised, so a new
 * run of the same review sends only the rest — and a session revised but
 * not yet in the view decides nothing on its own stream. A failure of the
 * store stops the run and is answered in `interrupted`, with the sessions
 * revised before it (whole chunks: each chunk's append is one transaction,
 * except on EventStoreDB).
 */
export const rescoreSitting = async (
  exam: ExamEnv,
  examId: string,
  reviewId: string,
  causationId?: string,
): Promise<RescoreRun> => {
  // The board's request and the process runner both start the re-score of a new review; the lease
  // makes one of them do it (in whichever process holds it) and the other wait, then find it done.
  const lease = await awaitLease(exam.leases, rescoreLeaseName(reviewId), { retryMs: LEASE_RETRY_MS })
  try {
    return await rescoreUnderLease(exam, examId, reviewId, causationId, lease!.lost)
  } finally {
    await lease!.release()
  }
}

/** All the re-score reads of the application's env: the store, the clock and the logger. */
export type RescorerDeps = Pick<Env, 'store' | 'clock' | 'logger'> & {
  readonly blueprint?: Blueprint
  /** The persisted results view to read; without it the view is folded in memory from the whole log. */
  readonly readModels?: ReadModelStorage
  /** Leases to re-score under (default: this process only); the servers' PostgreSQL leases keep it out of their way. */
  readonly leases?: Leases
  /** Sessions per chunk (default 1,000). */
  readonly rescoreChunkSize?: number
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
  const exam = createExamEnv({ ...deps, views } as unknown as Env, {
    blueprint: deps.blueprint,
    leases: deps.leases,
    rescoreChunkSize: deps.rescoreChunkSize,
  })
  /** A run stopped by the store is thrown (run it again: it resumes); refused sessions are answered. */
  return async (examId: string, reviewId: string): Promise<RescoreRun> => {
    const run = await rescoreSitting(exam, examId, reviewId)
    if (run.interrupted !== undefined) throw run.interrupted
    return run
  }
}
