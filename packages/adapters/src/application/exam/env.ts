import {
  type Blueprint,
  DEFAULT_BLUEPRINT,
  type DomainError,
  domainError,
  type ExamCommand,
  type ExamContext,
  type ExamEvent,
  type ExamState,
  type SessionCommand,
  type SessionContext,
  type SessionEvent,
  type SessionState,
  type SittingView,
  sittingViewOf,
} from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import { randomId } from '../../ids.js'
import { createLocalLeases, type Leases } from '../../runner/lease.js'
import { type CachedStreams, createCachedStreams } from '../shared/cached-streams.js'
import type { Env } from '../shared/env.js'
import type { Result } from '../shared/result.js'
import { EXAM, SESSION } from '../shared/streams.js'
import { createResultsView, type ResultsView } from './results-view.js'

/** What every exam use case works with: the application's env plus the exam caches and views. */
export type ExamEnv = Env & {
  readonly blueprint: Blueprint
  /** Sittings (`exam-<examId>`), read by every session decision. */
  readonly sittings: CachedStreams<ExamCommand, ExamEvent, ExamState, ExamContext>
  readonly sessions: CachedStreams<SessionCommand, SessionEvent, SessionState, SessionContext>
  readonly results: ResultsView
  /** Sessions per re-score chunk (see `rescoreInChunks`). */
  readonly rescoreChunkSize: number
  /** A review's re-score runs in the one process holding its lease (`rescoreLeaseName`). */
  readonly leases: Leases
}

/**
 * Sessions per chunk of a re-score: one page of the results view and one
 * append each. Big enough that round trips do not dominate (10,000 sessions
 * are 40 pages and 40 appends), small enough that the documents Node holds
 * at once (~3 KB each, a page decided, the next read ahead, two appends in
 * flight) stay well inside V8's young generation: at 1,000 every scavenge
 * copied a page of live documents and took ~80 ms. Measured on 10,000
 * sessions (PostgreSQL, 2 cores): 1,000 → 2.27 s, 500 → 2.05 s, 250 → 1.95 s,
 * 125 → 2.10 s, 64 → 2.49 s. Also a short transaction per append, and an
 * interrupted run loses little.
 */
export const RESCORE_CHUNK = 250

/** What the exam area takes beside the env; every field has a default. */
export type ExamEnvOptions = {
  readonly blueprint?: Blueprint | undefined
  readonly rescoreChunkSize?: number | undefined
  /** Where a review's re-score takes its lease (default: this process only). */
  readonly leases?: Leases | undefined
}

export const createExamEnv = (env: Env, options: ExamEnvOptions = {}): ExamEnv => ({
  ...env,
  blueprint: options.blueprint ?? DEFAULT_BLUEPRINT,
  sittings: createCachedStreams(env.store, EXAM, 10_000),
  sessions: createCachedStreams(env.store, SESSION),
  results: createResultsView(env.views),
  rescoreChunkSize: options.rescoreChunkSize ?? RESCORE_CHUNK,
  leases: options.leases ?? createLocalLeases(`imtahan-exam-${randomId()}`),
})

export const unknownSitting = (examId: string): DomainError =>
  domainError('exam.unknown_sitting', `There is no sitting ${examId}.`, { examId })

export type Sitting = { readonly state: ExamState; readonly view: SittingView }

/**
 * The sitting as a session decision needs it. `fresh` reads what the Exam
 * stream gained since it was cached (reviews, seats); without it a cached
 * definition is used as is — enough for answers, whose decision depends only
 * on the definition (start, timing, forms), which never changes once recorded.
 */
export const sittingOf = async (exam: ExamEnv, examId: string, fresh = true): Result<Sitting> => {
  const cached = fresh ? undefined : exam.sittings.peek(examId)
  const { state } = cached?.state.definition !== undefined ? cached : await exam.sittings.load(examId)
  const view = sittingViewOf(state)
  return view === undefined ? E.left(unknownSitting(examId)) : E.right({ state, view })
}

/** The context of a session decision at the clock's `now`. */
export const sessionContext = async (exam: ExamEnv, examId: string, fresh = true): Result<SessionContext> =>
  E.map((sitting: Sitting) => ({ now: exam.clock.now(), sitting: sitting.view }))(
    await sittingOf(exam, examId, fresh),
  )
