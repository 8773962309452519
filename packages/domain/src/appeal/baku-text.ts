import { BAKU_OFFSET_MS, bakuDateOf } from '../kernel/time.js'

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const

/** `2026-04-02` → `2 April 2026`. Spelt out by hand so every machine writes the same message (no ICU). */
export const dayText = (day: string): string => {
  const [year, month, date] = day.split('-')
  return `${Number(date)} ${MONTHS[Number(month) - 1]} ${year}`
}

/** An instant as a person in Baku reads it: `00:00:01 on 3 April 2026`. */
export const bakuTimeText = (instant: Date): string =>
  `${new Date(instant.getTime() + BAKU_OFFSET_MS).toISOString().slice(11, 19)} on ${dayText(bakuDateOf(instant))}`

const ORDINALS: Readonly<Record<number, string>> = { 1: 'st', 2: 'nd', 3: 'rd' }

/** 1st, 2nd, 3rd, 4th … 11th, 12th, 13th, 21st. */
export const ordinal = (n: number): string =>
  `${n}${n % 100 >= 11 && n % 100 <= 13 ? 'th' : (ORDINALS[n % 10] ?? 'th')}`
