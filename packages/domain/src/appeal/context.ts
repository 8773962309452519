import type { BusinessCalendar } from '../calendar/calendar.js'
import type { Answers } from '../exam/model.js'
import type { SittingView } from '../exam/session/context.js'
import type { SessionState } from '../exam/session/state.js'
import { examIdOfSession } from '../exam/session/streams.js'
import { cabinetIdOfSession } from './ids.js'
import type { AppealState } from './state.js'

/**
 * What a filing is judged against, built by the application from the
 * session's stream, the sitting's stream (its form and publication instant)
 * and the session's earlier appeals. Never shown to anyone.
 */
export type AppealableSession = {
  readonly sessionId: string
  readonly examId: string
  /** The candidate's cabinet: the session id is `<examId>.<cabinetId>`. */
  readonly cabinetId: string
  /** The tasks of the form the candidate sat (SCO-0: appeals name task ids). */
  readonly formTaskIds: readonly string[]
  readonly answers: Answers
  readonly annulled: boolean
  /** APL-1: the sitting's publication instant; undefined while unpublished. */
  readonly publishedAt: Date | undefined
}

/**
 * `now` and the calendar arrive here: the domain reads no clock and no file.
 * `session` and `earlier` (this session's appeals 1…n−1, in order) are needed
 * by `FileAppeal` only; the commission's and court's commands ignore them.
 * `businessDays` is APL-2's configurable number (default 3).
 */
export type AppealContext = {
  readonly now: Date
  readonly calendar: BusinessCalendar
  readonly businessDays?: number
  readonly session?: AppealableSession
  readonly earlier?: readonly AppealState[]
}

/**
 * The session as an appeal needs it, or undefined when there is no result
 * to appeal (no end recorded). Works on a state folded from `SessionEnded`
 * onward too: the cabinet is read from the derived session id.
 */
export const appealableSessionOf = (
  state: SessionState,
  sitting: SittingView,
  publishedAt: Date | undefined,
): AppealableSession | undefined => {
  const ended = state.ended
  if (ended === undefined) return undefined
  const form = sitting.forms.find(({ form: candidate }) => candidate.formId === ended.formId)
  return {
    sessionId: ended.sessionId,
    examId: examIdOfSession(ended.sessionId),
    cabinetId: cabinetIdOfSession(ended.sessionId),
    formTaskIds: form === undefined ? [] : form.form.tasks.map((task) => task.id),
    answers: ended.answers,
    annulled: state.annulment !== undefined,
    publishedAt,
  }
}
