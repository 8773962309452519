import type { Answers, ScoreResult, SubgroupCode } from '../model.js'
import type { EndReason, SessionEvent } from '../session/events.js'
import { BucketMap } from './bucket-map.js'
import type { ExamEvent } from './events.js'
import { MINUTE_MS } from './timing.js'

/** One revision as the cabinet and the audit show it (SCO-5, APL-6). */
export type RevisionRow = {
  readonly reviewId: string
  readonly oldScore: number
  readonly newScore: number
  readonly reason: string
  readonly at: Date
}

export type FinalResult = {
  readonly formId: string
  readonly endedAt: Date
  readonly endReason: EndReason
  /** Kept so a re-score after an expert review never reads the sessions' streams (see docs/exams.md). */
  readonly answers: Answers
  readonly result: ScoreResult
  readonly score: number
  /** SCO-6: never true while annulled. */
  readonly passed: boolean
  readonly annulled: boolean
  readonly reviewIds: readonly string[]
  readonly revisions: readonly RevisionRow[]
}

export type SessionRow = {
  readonly sessionId: string
  readonly subgroup: SubgroupCode
  readonly registered: boolean
  readonly seated: boolean
  /** EXM-19 timer facts, so the deadline process finds due sessions without loading them. */
  readonly pausedMs: number
  readonly pausedSince: Date | undefined
  readonly extensionMinutes: number
  readonly final: FinalResult | undefined
}

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

const update = (
  view: SittingResults,
  sessionId: string,
  change: (row: SessionRow) => SessionRow,
): SittingResults => {
  const row = BucketMap.get(view.rows, sessionId)
  return row === undefined ? view : { ...view, rows: BucketMap.set(view.rows, sessionId, change(row)) }
}

const updateFinal = (view: SittingResults, sessionId: string, change: (final: FinalResult) => FinalResult) =>
  update(view, sessionId, (row) => (row.final === undefined ? row : { ...row, final: change(row.final) }))

const withAnnulment = (final: FinalResult, annulled: boolean): FinalResult => ({
  ...final,
  annulled,
  passed: final.result.passed && !annulled,
})

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
    case 'RegistrationRequested':
      return {
        ...view,
        rows: BucketMap.set(view.rows, event.sessionId, {
          sessionId: event.sessionId,
          subgroup: event.subgroup,
          registered: false,
          seated: false,
          pausedMs: 0,
          pausedSince: undefined,
          extensionMinutes: 0,
          final: undefined,
        }),
      }
    case 'RegistrationConfirmed':
      return update(view, event.sessionId, (row) => ({ ...row, registered: true }))
    case 'RegistrationRefused':
      return update(view, event.sessionId, (row) => ({ ...row, registered: false }))
    case 'HallRegistered':
      return update(view, event.sessionId, (row) => ({
        ...row,
        seated: true,
        subgroup: event.screen.subgroup,
      }))
    case 'CandidateDataCorrected': {
      const subgroup = event.changes.find((change) => change.field === 'subgroup')?.to as
        | SubgroupCode
        | undefined
      return subgroup === undefined ? view : update(view, event.sessionId, (row) => ({ ...row, subgroup }))
    }
    case 'SessionPaused':
      return update(view, event.sessionId, (row) => ({ ...row, pausedSince: event.at }))
    case 'SessionResumed':
      return update(view, event.sessionId, (row) => ({
        ...row,
        pausedSince: undefined,
        pausedMs: row.pausedMs + event.pausedMs,
      }))
    case 'ExtensionGranted':
      return update(view, event.sessionId, (row) => ({
        ...row,
        extensionMinutes: row.extensionMinutes + event.minutes,
      }))
    case 'SessionEnded': {
      const existing = BucketMap.get(view.rows, event.sessionId)
      const row: SessionRow = existing ?? {
        sessionId: event.sessionId,
        subgroup: event.subgroup,
        registered: true,
        seated: true,
        pausedMs: 0,
        pausedSince: undefined,
        extensionMinutes: 0,
        final: undefined,
      }
      return {
        ...view,
        rows: BucketMap.set(view.rows, event.sessionId, {
          ...row,
          subgroup: event.subgroup,
          pausedSince: undefined,
          final: {
            formId: event.formId,
            endedAt: event.endedAt,
            endReason: event.reason,
            answers: event.answers,
            result: event.result,
            score: event.result.total.points,
            passed: event.result.passed,
            annulled: false,
            reviewIds: event.reviewIds,
            revisions: [],
          },
        }),
      }
    }
    case 'ResultAnnulled':
      return updateFinal(view, event.sessionId, (final) => withAnnulment(final, true))
    case 'CourtRulingRecorded':
      return event.outcome === 'annulment_reversed'
        ? updateFinal(view, event.sessionId, (final) => withAnnulment(final, false))
        : view
    case 'ScoreRevised':
      return updateFinal(view, event.sessionId, (final) =>
        withAnnulment(
          {
            ...final,
            result: event.result,
            score: event.newScore,
            reviewIds: [...final.reviewIds, event.reviewId],
            revisions: [
              ...final.revisions,
              {
                reviewId: event.reviewId,
                oldScore: event.oldScore,
                newScore: event.newScore,
                reason: event.reason,
                at: event.at,
              },
            ],
          },
          final.annulled,
        ),
      )
    case 'ScoreRevisedOnAppeal':
      // APL-4/APL-5: a per-candidate correction; listed with the revisions, never as a review of the sitting.
      return updateFinal(view, event.sessionId, (final) =>
        withAnnulment(
          {
            ...final,
            result: event.result,
            score: event.newScore,
            revisions: [
              ...final.revisions,
              {
                reviewId: event.revisionId,
                oldScore: event.oldScore,
                newScore: event.newScore,
                reason: event.reason,
                at: event.at,
              },
            ],
          },
          final.annulled,
        ),
      )
    default:
      return view
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
