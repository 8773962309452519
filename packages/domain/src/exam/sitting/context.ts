import type { BusinessCalendar } from '../../calendar/calendar.js'
import type { Blueprint } from '../blueprint.js'

/** CAL-3 at publication: the calendar the results' appeal window (APL-2) will be counted with. */
export type AppealCalendar = {
  readonly calendar: BusinessCalendar
  /** APL-2's configurable business days; `DEFAULT_APPEAL_BUSINESS_DAYS` when absent. */
  readonly businessDays?: number
}

/**
 * What a sitting's decision needs from outside: the instant (the domain never
 * reads a clock) and the blueprint forms are checked against (configurable
 * data, `DEFAULT_BLUEPRINT` when absent). `openSessions` is the number of
 * sessions of this sitting still running (from the results projection), asked
 * only by publication, as is `appealCalendar`: with it, results whose appeal
 * window the calendar cannot count are not published (CAL-3).
 */
export type ExamContext = {
  readonly now: Date
  readonly blueprint?: Blueprint
  readonly openSessions?: number
  readonly appealCalendar?: AppealCalendar
}
