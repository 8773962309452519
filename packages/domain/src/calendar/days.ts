/**
 * Arithmetic on calendar days `YYYY-MM-DD`. A day is handled as its UTC
 * midnight only to reach the Gregorian calendar; no time zone is involved
 * (the Baku day of an instant comes from `bakuDateOf`).
 */
const DAY_MS = 24 * 60 * 60 * 1000

const midnightUtc = (date: string): number => Date.parse(`${date}T00:00:00Z`)

export const nextDay = (date: string): string =>
  new Date(midnightUtc(date) + DAY_MS).toISOString().slice(0, 10)

export const yearOf = (date: string): number => Number(date.slice(0, 4))

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const

/** 0 = Sunday … 6 = Saturday. */
export const weekdayOf = (date: string): number => new Date(midnightUtc(date)).getUTCDay()

export const weekdayName = (date: string): string => WEEKDAY_NAMES[weekdayOf(date)] ?? ''

/** Saturday and Sunday are the weekly rest days of the five-day week (CAL-1). */
export const isWeekend = (date: string): boolean => {
  const day = weekdayOf(date)
  return day === 0 || day === 6
}

/** The instant a Baku calendar day ends (24:00 Asia/Baku), i.e. the next day's 00:00 in Baku. */
export const endOfBakuDay = (date: string, bakuOffsetMs: number): Date =>
  new Date(midnightUtc(date) + DAY_MS - bakuOffsetMs)
