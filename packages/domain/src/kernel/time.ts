import * as t from 'io-ts'

/** A UTC instant, carried as ISO-8601 text in events and JSON. */
export const Instant = new t.Type<Date, string, unknown>(
  'Instant',
  (u): u is Date => u instanceof Date && !Number.isNaN(u.getTime()),
  (input, context) => {
    if (
      typeof input !== 'string' ||
      !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(input)
    )
      return t.failure(input, context, 'expected an ISO-8601 instant such as 2026-05-20T08:00:00Z')
    const date = new Date(input)
    return Number.isNaN(date.getTime()) ? t.failure(input, context, 'not a real date') : t.success(date)
  },
  (date) => date.toISOString(),
)

/** A calendar day `YYYY-MM-DD` with no time zone (dates of birth, document dates, holidays). */
export const LocalDate = new t.Type<string, string, unknown>(
  'LocalDate',
  (u): u is string => typeof u === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(u),
  (input, context) => {
    if (typeof input !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(input))
      return t.failure(input, context, 'expected a date as YYYY-MM-DD')
    const date = new Date(`${input}T00:00:00Z`)
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(input)
      ? t.success(input)
      : t.failure(input, context, `${input} is not a calendar date`)
  },
  (text) => text,
)

export const millisBetween = (from: Date, to: Date): number => to.getTime() - from.getTime()

/** Asia/Baku is UTC+04:00 all year (no daylight saving since 2016). */
export const BAKU_OFFSET_MS = 4 * 60 * 60 * 1000

/** The calendar day in Asia/Baku at `instant`, as YYYY-MM-DD (RULES.md: every date rule is in Baku time). */
export const bakuDateOf = (instant: Date): string =>
  new Date(instant.getTime() + BAKU_OFFSET_MS).toISOString().slice(0, 10)
