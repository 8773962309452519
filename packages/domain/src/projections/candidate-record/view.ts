import * as E from 'fp-ts/lib/Either.js'
import { appealWindow, DEFAULT_APPEAL_BUSINESS_DAYS } from '../../calendar/appeal-window.js'
import type { BusinessCalendar } from '../../calendar/calendar.js'
import type { SubgroupCode } from '../../exam/model.js'
import type { DomainError } from '../../kernel/errors.js'
import {
  type AppealEntry,
  type CandidateRecordState,
  NO_SITTING,
  passedNow,
  type RevisionEntry,
  type SessionFacts,
  type SessionStatus,
} from './state.js'

// The candidate record as the cabinet shows it, read at `reading.now` (the deadline needs the clock, the fold does not).

/** APL-2 for one result as the cabinet shows it; `unavailable` when the calendar lacks a year (CAL-3). */
export type AppealWindowEntry =
  | { readonly status: 'open' | 'closed'; readonly closesAt: Date; readonly lastDay: string }
  | { readonly status: 'unavailable'; readonly error: DomainError }

export type ResultEntry = {
  readonly endedAt: Date
  readonly scoreAtEnd: number
  readonly score: number
  readonly passMark: number
  /** SCO-4/SCO-6: score ≥ pass mark and not annulled. */
  readonly passed: boolean
  readonly annulled: boolean
}

export type SessionRecord = {
  readonly sessionId: string
  readonly examId: string
  readonly title: string | undefined
  readonly startsAt: Date | undefined
  readonly subgroup: SubgroupCode | undefined
  readonly status: SessionStatus
  /** APL-1: undefined before the publication instant. */
  readonly publishedAt: Date | undefined
  readonly result: ResultEntry | undefined
  readonly revisions: readonly RevisionEntry[]
  readonly appealWindow: AppealWindowEntry | undefined
  /** In the window, not annulled, no appeal open (the filing itself is the authority). */
  readonly canAppeal: boolean
  readonly appeals: readonly AppealEntry[]
}

export type CandidateRecord = {
  readonly cabinetId: string
  readonly sessions: readonly SessionRecord[]
}

export type CandidateRecordReading = {
  readonly now: Date
  readonly calendar: BusinessCalendar
  readonly businessDays?: number
}

const windowEntry = (publishedAt: Date, reading: CandidateRecordReading): AppealWindowEntry => {
  const window = appealWindow(
    reading.calendar,
    publishedAt,
    reading.businessDays ?? DEFAULT_APPEAL_BUSINESS_DAYS,
  )
  if (E.isLeft(window)) return { status: 'unavailable', error: window.left }
  const open = reading.now.getTime() < window.right.closesAt.getTime()
  return { status: open ? 'open' : 'closed', closesAt: window.right.closesAt, lastDay: window.right.lastDay }
}

const sessionRecord = (
  state: CandidateRecordState,
  session: SessionFacts,
  reading: CandidateRecordReading,
): SessionRecord => {
  const sitting = state.sittings.get(session.examId) ?? NO_SITTING
  const published =
    sitting.publishedAt !== undefined && reading.now.getTime() >= sitting.publishedAt.getTime()
      ? sitting.publishedAt
      : undefined
  const appeals = [...state.appeals.values()]
    .filter((appeal) => appeal.sessionId === session.sessionId)
    .sort((a, b) => a.sequence - b.sequence)
  const hasResult = session.status === 'ended' && session.score !== undefined
  const result: ResultEntry | undefined =
    published === undefined || !hasResult
      ? undefined
      : {
          endedAt: session.endedAt as Date,
          scoreAtEnd: session.scoreAtEnd as number,
          score: session.score as number,
          passMark: session.passMark as number,
          passed: passedNow(session),
          annulled: session.annulled,
        }
  const appealWindow =
    result === undefined || published === undefined ? undefined : windowEntry(published, reading)
  return {
    sessionId: session.sessionId,
    examId: session.examId,
    title: sitting.title,
    startsAt: sitting.startsAt,
    subgroup: session.subgroup,
    status: session.status,
    publishedAt: published,
    result,
    revisions: result === undefined ? [] : session.revisions,
    appealWindow,
    canAppeal:
      appealWindow?.status === 'open' &&
      result?.annulled === false &&
      !appeals.some((appeal) => appeal.status === 'open'),
    appeals,
  }
}

/** CAB-11: the cabinet's exams as read at `reading.now`, newest sitting first. */
export const candidateRecordAt = (
  state: CandidateRecordState,
  reading: CandidateRecordReading,
): CandidateRecord => ({
  cabinetId: state.cabinetId,
  sessions: [...state.sessions.values()]
    .map((session) => sessionRecord(state, session, reading))
    .sort(
      (a, b) =>
        (b.startsAt?.getTime() ?? 0) - (a.startsAt?.getTime() ?? 0) ||
        (a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : 0),
    ),
})
