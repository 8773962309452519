import {
  appealWindow,
  BAKU_OFFSET_MS,
  type BusinessCalendar,
  bakuDateOf,
  DEFAULT_APPEAL_BUSINESS_DAYS,
  loadedYears,
} from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'

const DAY_MS = 24 * 60 * 60_000

/** A Baku calendar day `days` after `date` (YYYY-MM-DD). */
const plusDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)

/** Runs of consecutive loaded years, as first and last day. */
export const coveredRanges = (calendar: BusinessCalendar): { from: string; to: string }[] => {
  const ranges: { from: string; to: string }[] = []
  let start: number | undefined
  let previous: number | undefined
  for (const year of [...loadedYears(calendar), Number.NaN]) {
    if (start !== undefined && previous !== undefined && year !== previous + 1) {
      ranges.push({ from: `${start}-01-01`, to: `${previous}-12-31` })
      start = undefined
    }
    start ??= year
    previous = year
  }
  return ranges
}

/** The last day of the unbroken run of loaded years that holds `date`; undefined when its year is missing. */
export const coveredUntil = (calendar: BusinessCalendar, date: string): string | undefined =>
  coveredRanges(calendar).find((range) => range.from <= date && date <= range.to)?.to

/**
 * The last Baku day, from `date` on, whose publication still has an appeal
 * window the calendar can count (CAL-3 at publication); undefined when none.
 */
export const lastCoveredPublicationDay = (
  calendar: BusinessCalendar,
  date: string,
  businessDays: number = DEFAULT_APPEAL_BUSINESS_DAYS,
): string | undefined => {
  const until = coveredUntil(calendar, date)
  if (until === undefined) return undefined
  for (let day = until; day >= date; day = plusDays(day, -1)) {
    const noonInBaku = new Date(Date.parse(`${day}T12:00:00Z`) - BAKU_OFFSET_MS)
    if (E.isRight(appealWindow(calendar, noonInBaku, businessDays))) return day
  }
  return undefined
}

export type CoverageAhead = {
  readonly today: string
  readonly until: string
  /** The last day covered from today on, or undefined when today's year is missing. */
  readonly coveredUntil: string | undefined
  readonly covered: boolean
  /** Years between today and `until` without data, oldest first. */
  readonly missingYears: readonly number[]
}

/** Whether every day from `now` (Baku) to `days` days later lies in a loaded year. */
export const coverageAhead = (calendar: BusinessCalendar, now: Date, days: number): CoverageAhead => {
  const today = bakuDateOf(now)
  const until = plusDays(today, days)
  const loaded = new Set(loadedYears(calendar))
  const missingYears: number[] = []
  for (let year = Number(today.slice(0, 4)); year <= Number(until.slice(0, 4)); year++)
    if (!loaded.has(year)) missingYears.push(year)
  return {
    today,
    until,
    coveredUntil: coveredUntil(calendar, today),
    covered: missingYears.length === 0,
    missingYears,
  }
}
