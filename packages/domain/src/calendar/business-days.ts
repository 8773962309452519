import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { type DomainError, domainError } from '../kernel/errors.js'
import { LocalDate } from '../kernel/time.js'
import { type BusinessCalendar, yearMissing } from './calendar.js'
import { isWeekend, nextDay, yearOf } from './days.js'

/** More than a year of business days is never a deadline; the cap keeps a typo from scanning for ever. */
export const MAX_BUSINESS_DAYS = 260

const validDate = (date: string): E.Either<DomainError, string> =>
  E.isRight(LocalDate.decode(date))
    ? E.right(date)
    : E.left(domainError('calendar.invalid_date', `"${date}" is not a calendar date YYYY-MM-DD`, { date }))

const validCount = (n: number): E.Either<DomainError, number> =>
  Number.isInteger(n) && n >= 1 && n <= MAX_BUSINESS_DAYS
    ? E.right(n)
    : E.left(
        domainError(
          'calendar.invalid_business_days',
          `The number of business days must be a whole number from 1 to ${MAX_BUSINESS_DAYS}, got ${n}`,
          { businessDays: n },
        ),
      )

/** Assumes a valid date; answers only for a loaded year (CAL-3). */
const businessDayOrMissing = (calendar: BusinessCalendar, date: string): E.Either<DomainError, boolean> => {
  if (!calendar.years.has(yearOf(date))) return E.left(yearMissing(calendar, yearOf(date), date))
  if (calendar.nonWorking.has(date)) return E.right(false)
  if (calendar.working.has(date)) return E.right(true)
  return E.right(!isWeekend(date))
}

/**
 * CAL-1/CAL-2: Monday–Friday unless listed non-working, plus any Saturday or
 * Sunday declared working. A date in a year without data is `calendar.year_missing`.
 */
export const isBusinessDay = (calendar: BusinessCalendar, date: string): E.Either<DomainError, boolean> =>
  pipe(
    validDate(date),
    E.chain((valid) => businessDayOrMissing(calendar, valid)),
  )

/**
 * The first `n` business days strictly after `date`, in order. `date` itself
 * is never counted and needs no data; every day examined after it does, so a
 * search that runs past the last loaded year is `calendar.year_missing`.
 */
export const businessDaysAfter = (
  calendar: BusinessCalendar,
  date: string,
  n: number,
): E.Either<DomainError, readonly string[]> =>
  pipe(
    E.Do,
    E.apS('start', validDate(date)),
    E.apS('count', validCount(n)),
    E.chain(({ start, count }) => {
      const found: string[] = []
      let day = start
      while (found.length < count) {
        day = nextDay(day)
        const business = businessDayOrMissing(calendar, day)
        if (E.isLeft(business)) return business
        if (business.right) found.push(day)
      }
      return E.right(found)
    }),
  )

/** The n-th business day after `date` (the date itself not counted). */
export const addBusinessDays = (
  calendar: BusinessCalendar,
  date: string,
  n: number,
): E.Either<DomainError, string> =>
  pipe(
    businessDaysAfter(calendar, date, n),
    E.map((days) => days[days.length - 1] as string),
  )

/** How many business days lie in (from, to] — the calendar's own count, used to check deadlines. */
export const countBusinessDays = (
  calendar: BusinessCalendar,
  from: string,
  to: string,
): E.Either<DomainError, number> =>
  pipe(
    E.Do,
    E.apS('start', validDate(from)),
    E.apS('end', validDate(to)),
    E.chain(({ start, end }) => {
      let count = 0
      for (let day = nextDay(start); day <= end; day = nextDay(day)) {
        const business = businessDayOrMissing(calendar, day)
        if (E.isLeft(business)) return business
        if (business.right) count += 1
      }
      return E.right(count)
    }),
  )
