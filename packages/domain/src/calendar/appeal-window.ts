import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { type DomainError, domainError } from '../kernel/errors.js'
import { BAKU_OFFSET_MS, bakuDateOf } from '../kernel/time.js'
import { businessDaysAfter } from './business-days.js'
import type { BusinessCalendar } from './calendar.js'
import { endOfBakuDay } from './days.js'

/** APL-2: "within 3 business days from the day of publication" unless configured otherwise. */
export const DEFAULT_APPEAL_BUSINESS_DAYS = 3

/** The appeal window of one publication, with the facts a person needs to check it. */
export type AppealWindow = {
  readonly publishedAt: Date
  /** The Baku calendar day of publication; it is not counted. */
  readonly publishedOn: string
  readonly businessDays: number
  /** The business days counted, in order; the last one is the last day to appeal. */
  readonly countedDays: readonly string[]
  readonly lastDay: string
  /** 24:00 Asia/Baku at the end of `lastDay` (20:00 UTC); an appeal at or after it is late. */
  readonly closesAt: Date
}

/**
 * APL-2, the reading used: the Baku day of publication is not counted (even
 * when results appear at 00:01 on a business day); the window closes at the
 * end (24:00 Asia/Baku) of the n-th business day after it.
 */
export const appealWindow = (
  calendar: BusinessCalendar,
  publishedAt: Date,
  businessDays: number = DEFAULT_APPEAL_BUSINESS_DAYS,
): E.Either<DomainError, AppealWindow> => {
  if (!(publishedAt instanceof Date) || Number.isNaN(publishedAt.getTime()))
    return E.left(domainError('calendar.invalid_instant', 'The publication instant is not a valid date'))
  const publishedOn = bakuDateOf(publishedAt)
  return pipe(
    businessDaysAfter(calendar, publishedOn, businessDays),
    E.map((countedDays) => {
      const lastDay = countedDays[countedDays.length - 1] as string
      return {
        publishedAt,
        publishedOn,
        businessDays,
        countedDays,
        lastDay,
        closesAt: endOfBakuDay(lastDay, BAKU_OFFSET_MS),
      }
    }),
  )
}

/** The instant the appeal window closes (APL-2). */
export const appealDeadline = (
  calendar: BusinessCalendar,
  publishedAt: Date,
  businessDays: number = DEFAULT_APPEAL_BUSINESS_DAYS,
): E.Either<DomainError, Date> =>
  pipe(
    appealWindow(calendar, publishedAt, businessDays),
    E.map((window) => window.closesAt),
  )

/** Open from publication up to, not including, 24:00 Baku of the last day: 23:59:59 is in time, 24:00:00 is late. */
export const appealWindowIsOpenAt = (window: AppealWindow, at: Date): boolean =>
  at.getTime() >= window.publishedAt.getTime() && at.getTime() < window.closesAt.getTime()
