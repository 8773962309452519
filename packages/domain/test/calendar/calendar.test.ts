import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  addBusinessDays,
  appealDeadline,
  buildCalendar,
  countBusinessDays,
  isBusinessDay,
  yearData,
} from '../../src/calendar/index.js'
import { emptyYear, holiday, SHIPPED_YEARS, shippedCalendar, shippedYear, unwrap } from './fixtures.js'

const calendar = shippedCalendar()
const business = (date: string) => unwrap(isBusinessDay(calendar, date))

/** CAL-1's fixed non-working holidays, by month-day. */
const FIXED_HOLIDAYS = ['01-01', '01-02', '03-08', '03-20', '03-21', '03-22', '03-23', '03-24'].concat([
  '05-09',
  '05-28',
  '06-15',
  '06-26',
  '11-08',
  '11-09',
  '12-31',
])

describe('business calendar (CAL-1…3)', () => {
  it('CAL-1: Saturdays and Sundays are not business days; an ordinary Monday–Friday is', () => {
    expect(business('2026-04-11')).toBe(false) // Saturday
    expect(business('2026-04-12')).toBe(false) // Sunday
    for (const day of ['2026-04-13', '2026-04-14', '2026-04-15', '2026-04-16', '2026-04-17'])
      expect(business(day)).toBe(true)
  })

  it('CAL-1: every fixed holiday is non-working in the shipped 2025 and 2026 files', () => {
    for (const year of SHIPPED_YEARS)
      for (const monthDay of FIXED_HOLIDAYS)
        expect(business(`${year}-${monthDay}`), `${year}-${monthDay}`).toBe(false)
  })

  it('CAL-1: commemorative days (20 January, 18 October, 12 and 17 November) are working days', () => {
    for (const date of ['2025-01-20', '2026-01-20', '2026-11-12', '2026-11-17', '2025-11-12', '2025-11-17'])
      expect(business(date), date).toBe(true)
    // 18 October falls on a weekend in both shipped years (Saturday 2025, Sunday 2026): it is
    // no holiday or rest day of its own, and no rest day moves from it to the Monday (CAL-2).
    for (const [date, monday] of [
      ['2025-10-18', '2025-10-20'],
      ['2026-10-18', '2026-10-19'],
    ] as const) {
      expect(calendar.nonWorking.has(date), date).toBe(false)
      expect(business(monday), monday).toBe(true)
    }
  })

  it('CAL-1: each year has two Ramazan and two Qurban bayramı days', () => {
    for (const year of SHIPPED_YEARS) {
      const names = shippedYear(year)
        .nonWorkingDays.filter((day) => day.kind === 'holiday')
        .map((day) => day.name)
      expect(names.filter((name) => name.includes('Ramazan')).length, `${year} Ramazan`).toBe(2)
      expect(names.filter((name) => name.includes('Qurban')).length, `${year} Qurban`).toBe(2)
    }
  })

  it('CAL-1: an election day is a declared rest day (municipal elections, 29 January 2025)', () => {
    expect(business('2025-01-29')).toBe(false)
    expect(calendar.nonWorking.get('2025-01-29')?.kind).toBe('election')
  })

  it('CAL-2: 2026 — 20–30 March and 27–31 May are non-working; 31 March and 1 June are business days', () => {
    for (let day = 20; day <= 30; day++) expect(business(`2026-03-${day}`), `March ${day}`).toBe(false)
    for (let day = 27; day <= 31; day++) expect(business(`2026-05-${day}`), `May ${day}`).toBe(false)
    expect(business('2026-03-31')).toBe(true)
    expect(business('2026-05-26')).toBe(true)
    expect(business('2026-06-01')).toBe(true)
  })

  it('CAL-2: art. 105.5 moves a weekend holiday to the next working day; art. 105.6 an overlapping bayram', () => {
    expect(calendar.nonWorking.get('2026-03-09')?.kind).toBe('moved_rest_day') // 8 March was a Sunday
    expect(calendar.nonWorking.get('2026-05-11')?.kind).toBe('moved_rest_day') // 9 May was a Saturday
    expect(calendar.nonWorking.get('2026-05-29')?.source).toMatch(/105\.6/) // Qurban on Independence Day
  })

  it('CAL-2: a declared swap makes a weekday a rest day and a Saturday a working day', () => {
    // 2025: the Cabinet swapped rest days 10 March and 1 April with working days 27 and 28 March.
    expect(business('2025-03-10')).toBe(true)
    expect(business('2025-04-01')).toBe(true)
    expect(calendar.nonWorking.get('2025-03-27')?.kind).toBe('declared_rest_day')
    const swapped = unwrap(
      buildCalendar([
        emptyYear(2027, {
          nonWorkingDays: [{ ...holiday('2027-01-04'), kind: 'declared_rest_day' }],
          declaredWorkingDays: [{ date: '2027-01-09', name: undefined, source: 'test swap' }],
        }),
      ]),
    )
    expect(unwrap(isBusinessDay(swapped, '2027-01-04'))).toBe(false) // Monday made a rest day
    expect(unwrap(isBusinessDay(swapped, '2027-01-09'))).toBe(true) // Saturday made working
    expect(unwrap(addBusinessDays(swapped, '2027-01-07', 2))).toBe('2027-01-09')
  })

  it('CAL-2: a calendar refuses the same year twice, and an empty list of years', () => {
    const twice = buildCalendar([emptyYear(2026), emptyYear(2026)])
    expect(E.isLeft(twice) && twice.left).toMatchObject({
      code: 'calendar.inconsistent',
      message: expect.stringMatching(/year 2026 is given more than once/),
    })
    expect(E.isLeft(buildCalendar([]))).toBe(true)
  })

  it('CAL-2: a calendar refuses inconsistent data inside a year, naming year and date', () => {
    const result = buildCalendar([emptyYear(2026, { nonWorkingDays: [holiday('2025-12-31')] })])
    expect(E.isLeft(result) && result.left.message).toMatch(
      /2026: non-working day 2025-12-31 is outside its year/,
    )
  })

  it('addBusinessDays counts from the day after, skipping weekends and holidays', () => {
    expect(unwrap(addBusinessDays(calendar, '2026-04-10', 1))).toBe('2026-04-13')
    expect(unwrap(addBusinessDays(calendar, '2026-03-19', 1))).toBe('2026-03-31')
    // Across the year boundary: 31 Dec, 1–2 Jan are holidays, 3–4 Jan a weekend.
    expect(unwrap(addBusinessDays(calendar, '2025-12-30', 1))).toBe('2026-01-05')
    expect(unwrap(countBusinessDays(calendar, '2026-03-19', '2026-04-02'))).toBe(3)
  })

  it('bad questions are errors, not guesses: a non-date, zero or fractional business days', () => {
    const notADate = isBusinessDay(calendar, '2026-02-30')
    expect(E.isLeft(notADate) && notADate.left.code).toBe('calendar.invalid_date')
    const zero = addBusinessDays(calendar, '2026-04-10', 0)
    expect(E.isLeft(zero) && zero.left.code).toBe('calendar.invalid_business_days')
    const half = appealDeadline(calendar, new Date('2026-04-10T10:00:00Z'), 2.5)
    expect(E.isLeft(half) && half.left.code).toBe('calendar.invalid_business_days')
    const notAnInstant = appealDeadline(calendar, new Date('nonsense'))
    expect(E.isLeft(notAnInstant) && notAnInstant.left.code).toBe('calendar.invalid_instant')
  })
})

describe('CAL-3: no data, no answer', () => {
  const expectYearMissing = (
    result: E.Either<{ code: string; message: string; details?: unknown }, unknown>,
    year: number,
  ) => {
    expect(E.isLeft(result)).toBe(true)
    if (E.isLeft(result)) {
      expect(result.left.code).toBe('calendar.year_missing')
      expect(result.left.message).toContain(String(year))
      expect(result.left.details).toMatchObject({ year, loadedYears: [2025, 2026] })
    }
  }

  it('CAL-3: a question about 2027 without data is an error naming the year', () => {
    expectYearMissing(isBusinessDay(calendar, '2027-01-04'), 2027)
    expectYearMissing(yearData(calendar, 2027), 2027)
    expectYearMissing(isBusinessDay(calendar, '2024-12-31'), 2024)
  })

  it('CAL-3: a search for the n-th business day that runs past the last loaded year is an error naming that year', () => {
    expectYearMissing(addBusinessDays(calendar, '2026-12-29', 3), 2027) // only 30 Dec is left in 2026
    expectYearMissing(appealDeadline(calendar, new Date('2026-12-30T10:00:00+04:00')), 2027)
    expect(unwrap(addBusinessDays(calendar, '2026-12-29', 1))).toBe('2026-12-30')
  })
})
