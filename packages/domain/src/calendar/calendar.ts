import * as E from 'fp-ts/lib/Either.js'
import { type DomainError, domainError } from '../kernel/errors.js'
import { isWeekend, weekdayName, yearOf } from './days.js'
import type { CalendarYearFile, DeclaredWorkingDay, NonWorkingDay } from './year-file.js'

/**
 * The business calendar the domain answers from: every loaded year, its
 * non-working weekdays and holidays, and its Saturdays/Sundays made working.
 * Built only by `buildCalendar`, so it is always consistent.
 */
export type BusinessCalendar = {
  readonly years: ReadonlyMap<number, CalendarYearFile>
  readonly nonWorking: ReadonlyMap<string, NonWorkingDay>
  readonly working: ReadonlyMap<string, DeclaredWorkingDay>
}

/** The rest days a swap or a move creates are weekdays; on a weekend the entry means a typo. */
const WEEKDAY_ONLY_KINDS: ReadonlySet<NonWorkingDay['kind']> = new Set([
  'moved_rest_day',
  'declared_rest_day',
])

const duplicates = (dates: readonly string[]): string[] =>
  [...new Set(dates.filter((date, index) => dates.indexOf(date) !== index))].sort()

/** Everything wrong inside one year file, as sentences; empty when the file is consistent. */
export const yearFileProblems = (file: CalendarYearFile): string[] => {
  const problems: string[] = []
  const outside = (date: string) => yearOf(date) !== file.year
  for (const day of file.nonWorkingDays) {
    if (outside(day.date)) problems.push(`non-working day ${day.date} is outside its year ${file.year}`)
    if (WEEKDAY_ONLY_KINDS.has(day.kind) && isWeekend(day.date))
      problems.push(`${day.date} is a ${weekdayName(day.date)}: a ${day.kind} must fall on Monday–Friday`)
  }
  for (const day of file.declaredWorkingDays) {
    if (outside(day.date)) problems.push(`declared working day ${day.date} is outside its year ${file.year}`)
    if (!isWeekend(day.date))
      problems.push(
        `declared working day ${day.date} is a ${weekdayName(day.date)}: only a Saturday or Sunday can be declared working`,
      )
  }
  for (const date of duplicates(file.nonWorkingDays.map((day) => day.date)))
    problems.push(`${date} is listed twice as non-working (give one entry and name both occasions in it)`)
  for (const date of duplicates(file.declaredWorkingDays.map((day) => day.date)))
    problems.push(`${date} is listed twice as a declared working day`)
  const nonWorking = new Set(file.nonWorkingDays.map((day) => day.date))
  for (const day of file.declaredWorkingDays)
    if (nonWorking.has(day.date)) problems.push(`${day.date} is both non-working and a declared working day`)
  return problems
}

/**
 * Builds one calendar from year files (CAL-2), refusing inconsistent data:
 * a year given twice, a date outside its year, a duplicate entry, a day that
 * is both worked and not worked.
 */
export const buildCalendar = (
  files: readonly CalendarYearFile[],
): E.Either<DomainError, BusinessCalendar> => {
  const years = new Map<number, CalendarYearFile>()
  const problems: string[] = []
  for (const file of files) {
    if (years.has(file.year)) problems.push(`year ${file.year} is given more than once`)
    years.set(file.year, file)
    problems.push(...yearFileProblems(file).map((problem) => `${file.year}: ${problem}`))
  }
  if (files.length === 0) problems.push('no year files: a calendar needs at least one year (CAL-3)')
  if (problems.length > 0)
    return E.left(
      domainError('calendar.inconsistent', `The business calendar is inconsistent: ${problems.join('; ')}`, {
        problems,
      }),
    )
  const nonWorking = new Map<string, NonWorkingDay>()
  const working = new Map<string, DeclaredWorkingDay>()
  for (const file of [...years.values()].sort((a, b) => a.year - b.year)) {
    for (const day of file.nonWorkingDays) nonWorking.set(day.date, day)
    for (const day of file.declaredWorkingDays) working.set(day.date, day)
  }
  return E.right({ years, nonWorking, working })
}

export const loadedYears = (calendar: BusinessCalendar): number[] =>
  [...calendar.years.keys()].sort((a, b) => a - b)

/** CAL-3: a question about a year without data is an error naming the year, never a guess. */
export const yearMissing = (calendar: BusinessCalendar, year: number, asked: string): DomainError => {
  const loaded = loadedYears(calendar)
  return domainError(
    'calendar.year_missing',
    `The business calendar has no data for ${year} (asked about ${asked}); loaded years: ${loaded.join(', ')}. ` +
      `Add a ${year} year file from the Cabinet of Ministers' decisions to the calendar data.`,
    { year, asked, loadedYears: loaded },
  )
}

/** The year's file, or `calendar.year_missing`. */
export const yearData = (
  calendar: BusinessCalendar,
  year: number,
): E.Either<DomainError, CalendarYearFile> => {
  const file = calendar.years.get(year)
  return file === undefined ? E.left(yearMissing(calendar, year, `the year ${year}`)) : E.right(file)
}
