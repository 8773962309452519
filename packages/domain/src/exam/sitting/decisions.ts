import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { appealWindow, DEFAULT_APPEAL_BUSINESS_DAYS } from '../../calendar/appeal-window.js'
import { loadedYears } from '../../calendar/calendar.js'
import { type DomainError, domainError, type ErrorCode } from '../../kernel/errors.js'
import { belongsToExam } from '../session/streams.js'
import type { DecideAnnulment, PublishResults } from './commands.js'
import type { ExamContext } from './context.js'
import type { ExamEvent } from './events.js'
import { afterTheExam, defined } from './guards.js'
import { sameData } from './same.js'
import type { ExamState } from './state.js'

type Decision = E.Either<DomainError, readonly ExamEvent[]>

const refuse = (code: ErrorCode, message: string, details: Record<string, unknown>): Decision =>
  E.left(domainError(code, message, details))

/**
 * EXM-21: copying annuls both the one who copied and the one who let them
 * (booklet, DİQQƏT after item 12) in one decision naming two sessions;
 * forged documents and impersonation annul one result. EXM-22: who, when,
 * why and the evidence are part of the decision. The sessions record the
 * annulment through the annulment process.
 */
export const decideAnnulment = (command: DecideAnnulment, state: ExamState, context: ExamContext): Decision =>
  pipe(
    defined(state, command.examId),
    E.chainFirst(({ times }) => afterTheExam(times, context.now, 'A result can be annulled by the board')),
    E.chain((): Decision => {
      const { type: _, ...decision } = command
      const previous = state.decisions.find((recorded) => recorded.decisionId === command.decisionId)
      if (previous !== undefined) {
        const { type: __, decidedAt: ___, ...recorded } = previous
        return sameData(recorded, decision)
          ? E.right([])
          : refuse(
              'exam.decision_id_reused',
              `Decision ${command.decisionId} was already taken with other content.`,
              {
                decisionId: command.decisionId,
              },
            )
      }
      const distinct = new Set(command.sessionIds)
      const expected = command.grounds === 'copying' ? 2 : 1
      if (distinct.size !== command.sessionIds.length || distinct.size !== expected)
        return refuse(
          'exam.invalid_annulment',
          command.grounds === 'copying'
            ? 'A copying decision names exactly two different sessions: the one who copied and the one who let them.'
            : `An annulment for ${command.grounds.replace('_', ' ')} names exactly one session.`,
          { grounds: command.grounds, sessionIds: command.sessionIds },
        )
      const foreign = command.sessionIds.filter((sessionId) => !belongsToExam(sessionId, command.examId))
      if (foreign.length > 0)
        return refuse(
          'exam.foreign_session',
          `Sessions ${foreign.join(', ')} are not sessions of this sitting.`,
          {
            sessionIds: foreign,
          },
        )
      return E.right([{ ...decision, type: 'AnnulmentDecided', decidedAt: context.now }])
    }),
  )

/**
 * CAL-3/APL-2: the appeal window of results published at `publishAt` must be
 * countable with the calendar data loaded; otherwise every candidate's window
 * would be "unavailable". The refusal names the year whose file is missing.
 */
const uncoveredAppealWindow = (publishAt: Date, context: ExamContext): DomainError | undefined => {
  if (context.appealCalendar === undefined) return undefined
  const { calendar, businessDays = DEFAULT_APPEAL_BUSINESS_DAYS } = context.appealCalendar
  const window = appealWindow(calendar, publishAt, businessDays)
  if (E.isRight(window)) return undefined
  if (window.left.code !== 'calendar.year_missing') return window.left
  const year = window.left.details?.year
  const loaded = loadedYears(calendar)
  return domainError(
    'exam.appeal_window_not_covered',
    `Results published at ${publishAt.toISOString()} have an appeal window of ${businessDays} business days that runs into ${year}, ` +
      `but the business calendar has no data for ${year} (loaded years: ${loaded.join(', ')}). ` +
      `Add the ${year} calendar file (docs/appeals.md) and publish again.`,
    { year, loadedYears: loaded, publishAt: publishAt.toISOString(), businessDays },
  )
}

/** APL-1: results are published once, at `P`, never before the exam and every session have ended. */
export const publishResults = (command: PublishResults, state: ExamState, context: ExamContext): Decision =>
  pipe(
    defined(state, command.examId),
    E.chain(({ times }): Decision => {
      if (state.published !== undefined)
        return state.published.publishedAt.getTime() === command.publishAt.getTime()
          ? E.right([])
          : refuse(
              'exam.already_published',
              `The results were already published at ${state.published.publishedAt.toISOString()}; they are published once.`,
              { publishedAt: state.published.publishedAt.toISOString() },
            )
      if (command.publishAt.getTime() < times.nominalEnd.getTime())
        return refuse(
          'exam.not_ended',
          `Results can be published only after the exam has ended (${times.nominalEnd.toISOString()}).`,
          { endsAt: times.nominalEnd.toISOString() },
        )
      if (command.publishAt.getTime() < context.now.getTime())
        return refuse('exam.publication_in_past', 'The publication instant cannot lie in the past.', {
          publishAt: command.publishAt.toISOString(),
        })
      if ((context.openSessions ?? 0) > 0)
        return refuse(
          'exam.sessions_still_open',
          `${context.openSessions} session(s) of this sitting are still running; publish after they have ended.`,
          { openSessions: context.openSessions },
        )
      const uncovered = uncoveredAppealWindow(command.publishAt, context)
      if (uncovered !== undefined) return E.left(uncovered)
      return E.right([
        {
          type: 'ResultsPublished',
          examId: command.examId,
          publishedAt: command.publishAt,
          publishedBy: command.publishedBy,
          at: context.now,
        },
      ])
    }),
  )
