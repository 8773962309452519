import * as E from 'fp-ts/lib/Either.js'
import { type AppealWindow, appealWindow, DEFAULT_APPEAL_BUSINESS_DAYS } from '../calendar/appeal-window.js'
import type { BusinessCalendar } from '../calendar/calendar.js'
import { type DomainError, domainError } from '../kernel/errors.js'
import { bakuTimeText, dayText, ordinal } from './baku-text.js'

/**
 * APL-2: is `now` inside the appeal window of a publication at `publishedAt`?
 * Right(window) when it is; otherwise the refusal names the deadline in
 * Asia/Baku time (and as ISO in `details.deadline`). A year without calendar
 * data is `calendar.year_missing` (CAL-3), never a guess.
 */
export const checkAppealWindow = (
  calendar: BusinessCalendar,
  publishedAt: Date,
  now: Date,
  businessDays: number = DEFAULT_APPEAL_BUSINESS_DAYS,
): E.Either<DomainError, AppealWindow> =>
  E.chain((window: AppealWindow): E.Either<DomainError, AppealWindow> => {
    if (now.getTime() < window.closesAt.getTime()) return E.right(window)
    return E.left(
      domainError(
        'appeal.window_closed',
        `The appeal window closed at 24:00 on ${dayText(window.lastDay)} (Asia/Baku), the end of the ` +
          `${ordinal(window.businessDays)} business day after publication on ${dayText(window.publishedOn)}; ` +
          `this appeal came at ${bakuTimeText(now)} (Asia/Baku) and cannot be accepted.`,
        {
          deadline: window.closesAt.toISOString(),
          lastDay: window.lastDay,
          publishedOn: window.publishedOn,
          businessDays: window.businessDays,
          countedDays: window.countedDays,
        },
      ),
    )
  })(appealWindow(calendar, publishedAt, businessDays))
