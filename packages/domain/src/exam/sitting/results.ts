import type { SessionEvent } from '../session/events.js'
import { BucketMap } from './bucket-map.js'
import type { ExamEvent } from './events.js'
import { evolveSessionRow, resultRowOf, type SessionRow } from './session-row.js'
import { MINUTE_MS } from './timing.js'

/** The results of one sitting: a pure fold of its Exam stream and its sessions' streams. */
export type SittingResults = {
  readonly examId: string | undefined
  readonly startsAt: Date | undefined
  readonly durationMinutes: number
  readonly publishedAt: Date | undefined
  readonly rows: BucketMap<SessionRow>
}

export const emptySittingResults: SittingResults = {
  examId: undefined,
  startsAt: undefined,
  durationMinutes: 0,
  publishedAt: undefined,
  rows: BucketMap.empty(),
}

/**
 * The sitting's fold: its own facts (definition, publication) and, for an
 * event about one session, that session's row by `evolveSessionRow` — so a
 * view kept per session (see the adapters' results view) folds exactly the same rows.
 */
export const evolveSittingResults = (
  view: SittingResults,
  event: SessionEvent | ExamEvent,
): SittingResults => {
  switch (event.type) {
    case 'ExamDefined':
      return {
        ...view,
        examId: event.examId,
        startsAt: event.startsAt,
        durationMinutes: event.timing.durationMinutes,
      }
    case 'ResultsPublished':
      return { ...view, publishedAt: event.publishedAt }
    default: {
      const sessionId = resultRowOf(event)
      if (sessionId === undefined) return view
      const row = BucketMap.get(view.rows, sessionId)
      const next = evolveSessionRow(row, event)
      return next === row || next === undefined
        ? view
        : { ...view, rows: BucketMap.set(view.rows, sessionId, next) }
    }
  }
}

export const foldSittingResults = (events: ReadonlyArray<SessionEvent | ExamEvent>): SittingResults =>
  events.reduce(evolveSittingResults, emptySittingResults)

/** EXM-19 for a row: start + duration + pauses (a running one counts up to `now`) + extensions. */
export const rowDeadline = (view: SittingResults, row: SessionRow, now: Date): Date | undefined =>
  view.startsAt === undefined
    ? undefined
    : new Date(
        view.startsAt.getTime() +
          (view.durationMinutes + row.extensionMinutes) * MINUTE_MS +
          row.pausedMs +
          (row.pausedSince === undefined ? 0 : Math.max(0, now.getTime() - row.pausedSince.getTime())),
      )

/** Every row, ordered by session id: lists and the commands built from them come out the same on every run. */
const rowsOf = (view: SittingResults): SessionRow[] =>
  BucketMap.values(view.rows).sort((a, b) =>
    a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : 0,
  )

/** Sessions in the hall whose end is not recorded (publication waits for them; the deadline process closes them). */
export const openSessions = (view: SittingResults): SessionRow[] =>
  rowsOf(view).filter((row) => row.seated && row.final === undefined)

export const finishedSessions = (view: SittingResults): SessionRow[] =>
  rowsOf(view).filter((row) => row.final !== undefined)

/** APL-1: what the portal shows at `now` — nothing before the publication instant. */
export const publishedResults = (view: SittingResults, now: Date): SessionRow[] =>
  view.publishedAt !== undefined && now.getTime() >= view.publishedAt.getTime() ? finishedSessions(view) : []

/** A sitting's own facts without its rows: what a view kept per session stores per sitting. */
export type SittingSummary = Omit<SittingResults, 'rows'>

/** A sitting's results put together from its summary and its rows kept apart (a view stored per session). */
export const sittingResultsOf = (
  summary: SittingSummary | undefined,
  rows: readonly SessionRow[],
): SittingResults => {
  let map = BucketMap.empty<SessionRow>()
  for (const row of rows) map = BucketMap.set(map, row.sessionId, row)
  return { ...emptySittingResults, ...summary, rows: map }
}
