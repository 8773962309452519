import type { Answers, ScoreResult, SubgroupCode } from '../model.js'
import type { EndReason, SessionEvent } from '../session/events.js'
import type { ExamEvent } from './events.js'

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

const update = (row: SessionRow | undefined, change: (row: SessionRow) => SessionRow) =>
  row === undefined ? undefined : change(row)

const updateFinal = (row: SessionRow | undefined, change: (final: FinalResult) => FinalResult) =>
  update(row, (row) => (row.final === undefined ? row : { ...row, final: change(row.final) }))

const withAnnulment = (final: FinalResult, annulled: boolean): FinalResult => ({
  ...final,
  annulled,
  passed: final.result.passed && !annulled,
})

/** The session whose result row an event is about, if it is about one. */
export const resultRowOf = (event: SessionEvent | ExamEvent): string | undefined =>
  'sessionId' in event && typeof event.sessionId === 'string' ? event.sessionId : undefined

/**
 * One session's row of the sitting results: `undefined` until the session
 * is requested (or, registered elsewhere, ends), and the same object back for
 * an event that does not change it. Pure, so the sitting's fold and a view
 * kept per session hold exactly the same rows.
 */
export const evolveSessionRow = (
  row: SessionRow | undefined,
  event: SessionEvent | ExamEvent,
): SessionRow | undefined => {
  switch (event.type) {
    case 'RegistrationRequested':
      return {
        sessionId: event.sessionId,
        subgroup: event.subgroup,
        registered: false,
        seated: false,
        pausedMs: 0,
        pausedSince: undefined,
        extensionMinutes: 0,
        final: undefined,
      }
    case 'RegistrationConfirmed':
      return update(row, (row) => ({ ...row, registered: true }))
    case 'RegistrationRefused':
      return update(row, (row) => ({ ...row, registered: false }))
    case 'HallRegistered':
      return update(row, (row) => ({
        ...row,
        seated: true,
        subgroup: event.screen.subgroup,
      }))
    case 'CandidateDataCorrected': {
      const subgroup = event.changes.find((change) => change.field === 'subgroup')?.to as
        | SubgroupCode
        | undefined
      return subgroup === undefined ? row : update(row, (row) => ({ ...row, subgroup }))
    }
    case 'SessionPaused':
      return update(row, (row) => ({ ...row, pausedSince: event.at }))
    case 'SessionResumed':
      return update(row, (row) => ({
        ...row,
        pausedSince: undefined,
        pausedMs: row.pausedMs + event.pausedMs,
      }))
    case 'ExtensionGranted':
      return update(row, (row) => ({
        ...row,
        extensionMinutes: row.extensionMinutes + event.minutes,
      }))
    case 'SessionEnded': {
      const existing: SessionRow = row ?? {
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
        ...existing,
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
      }
    }
    case 'ResultAnnulled':
      return updateFinal(row, (final) => withAnnulment(final, true))
    case 'CourtRulingRecorded':
      return event.outcome === 'annulment_reversed'
        ? updateFinal(row, (final) => withAnnulment(final, false))
        : row
    case 'ScoreRevised':
      return updateFinal(row, (final) =>
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
      return updateFinal(row, (final) =>
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
      return row
  }
}
