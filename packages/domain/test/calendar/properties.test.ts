import * as fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  appealDeadline,
  appealWindow,
  buildCalendar,
  type CalendarYearFile,
  countBusinessDays,
  isBusinessDay,
} from '../../src/calendar/index.js'
import { bakuDateOf } from '../../src/kernel/time.js'
import { holiday, SHIPPED_YEARS, shippedCalendar, shippedYear, unwrap } from './fixtures.js'

const calendar = shippedCalendar()
const years = SHIPPED_YEARS.map(shippedYear)

/** Publications early enough in the last loaded year that 10 business days always fit before it ends. */
const publication = fc.date({
  min: new Date('2025-01-01T00:00:00+04:00'),
  max: new Date('2026-12-01T00:00:00+04:00'),
  noInvalidDate: true,
})
const businessDays = fc.integer({ min: 1, max: 10 })
/** Extra holidays land within three weeks of publication, where they can matter. */
const daysAfter = (publishedAt: Date, offsets: readonly number[]): string[] =>
  offsets.map((offset) => bakuDateOf(new Date(publishedAt.getTime() + offset * 86_400_000)))
const extraOffsets = fc.array(fc.integer({ min: 0, max: 21 }), { maxLength: 6 })

/** The shipped years with extra holidays on days that are not already listed either way. */
const withExtraHolidays = (extra: readonly string[]): CalendarYearFile[] =>
  years.map((file) => {
    const listed = new Set([...file.nonWorkingDays, ...file.declaredWorkingDays].map((entry) => entry.date))
    const added = [...new Set(extra)].filter(
      (date) => date.startsWith(String(file.year)) && !listed.has(date),
    )
    return { ...file, nonWorkingDays: [...file.nonWorkingDays, ...added.map((date) => holiday(date))] }
  })

describe('appeal deadline properties (APL-2 over CAL-1…3)', () => {
  it("APL-2 property: the deadline is the end of a business day (24:00 Baku = 20:00 UTC), strictly after publication, exactly n business days later by the calendar's own count", () => {
    fc.assert(
      fc.property(publication, businessDays, (publishedAt, n) => {
        const window = unwrap(appealWindow(calendar, publishedAt, n))
        expect(window.closesAt.toISOString()).toMatch(/T20:00:00\.000Z$/)
        expect(window.closesAt.getTime()).toBeGreaterThan(publishedAt.getTime())
        const lastDay = bakuDateOf(new Date(window.closesAt.getTime() - 1))
        expect(lastDay).toBe(window.lastDay)
        expect(unwrap(isBusinessDay(calendar, lastDay))).toBe(true)
        expect(unwrap(countBusinessDays(calendar, bakuDateOf(publishedAt), lastDay))).toBe(n)
      }),
      { numRuns: 500 },
    )
  })

  it('APL-2 property: adding holidays never makes a deadline earlier', () => {
    fc.assert(
      fc.property(publication, businessDays, extraOffsets, (publishedAt, n, offsets) => {
        const before = unwrap(appealDeadline(calendar, publishedAt, n))
        const more = unwrap(buildCalendar(withExtraHolidays(daysAfter(publishedAt, offsets))))
        const after = appealDeadline(more, publishedAt, n)
        // With many extra holidays late in 2026 the search may run out of data; that is CAL-3, never an earlier date.
        if (E.isLeft(after)) expect(after.left.code).toBe('calendar.year_missing')
        else expect(after.right.getTime()).toBeGreaterThanOrEqual(before.getTime())
      }),
      { numRuns: 300 },
    )
    // And it does move when a counted day becomes a holiday: 1 April 2026 off pushes 2 April to 3 April.
    const more = unwrap(buildCalendar(withExtraHolidays(['2026-04-01'])))
    const deadline = unwrap(appealDeadline(more, new Date('2026-03-19T15:00:00+04:00')))
    expect(deadline.toISOString()).toBe('2026-04-03T20:00:00.000Z')
  })

  it('CAL-3 property: near the end of the last loaded year the answer is a deadline or an error naming 2027, never a guess', () => {
    const lateIn2026 = fc.date({
      min: new Date('2026-12-01T00:00:00+04:00'),
      max: new Date('2026-12-31T23:59:59+04:00'),
      noInvalidDate: true,
    })
    fc.assert(
      fc.property(lateIn2026, businessDays, (publishedAt, n) => {
        const result = appealDeadline(calendar, publishedAt, n)
        if (E.isLeft(result))
          expect(result.left).toMatchObject({ code: 'calendar.year_missing', details: { year: 2027 } })
        else expect(bakuDateOf(result.right) <= '2027-01-01').toBe(true)
      }),
    )
  })
})
