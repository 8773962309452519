import { readFileSync } from 'node:fs'
import * as E from 'fp-ts/lib/Either.js'
import {
  type BusinessCalendar,
  buildCalendar,
  type CalendarYearFile,
  decodeYearFile,
  type NonWorkingDay,
} from '../../src/calendar/index.js'

/**
 * The year files imtahan ships (packages/adapters/calendar). The domain never
 * reads files; its tests do, so the APL-2 examples run on the real data.
 */
export const shippedYear = (year: number): CalendarYearFile => {
  const text = readFileSync(new URL(`../../../adapters/calendar/${year}.json`, import.meta.url), 'utf8')
  const decoded = decodeYearFile(JSON.parse(text))
  if (E.isLeft(decoded)) throw new Error(`shipped ${year}.json is invalid: ${decoded.left.join('; ')}`)
  return decoded.right
}

export const SHIPPED_YEARS = [2025, 2026] as const

export const unwrap = <A>(either: E.Either<{ readonly message: string }, A>): A => {
  if (E.isLeft(either)) throw new Error(`expected a value, got: ${either.left.message}`)
  return either.right
}

export const shippedCalendar = (): BusinessCalendar => unwrap(buildCalendar(SHIPPED_YEARS.map(shippedYear)))

export const holiday = (date: string, name = 'Test holiday'): NonWorkingDay => ({
  date,
  kind: 'holiday',
  name,
  source: 'test fixture',
})

/** A year with no entries: only Saturdays and Sundays are rest days. */
export const emptyYear = (year: number, overrides: Partial<CalendarYearFile> = {}): CalendarYearFile => ({
  year,
  nonWorkingDays: [],
  declaredWorkingDays: [],
  notes: undefined,
  ...overrides,
})
