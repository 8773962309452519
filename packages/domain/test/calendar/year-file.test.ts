import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { decodeYearFile } from '../../src/calendar/index.js'

const good = {
  year: 2026,
  notes: ['a test file'],
  nonWorkingDays: [
    { date: '2026-03-20', kind: 'holiday', name: 'Novruz bayramı', source: 'Cabinet decision' },
    { date: '2026-03-25', kind: 'moved_rest_day', name: 'moved', source: 'Labour Code art. 105.5' },
    { date: '2026-04-01', kind: 'declared_rest_day', name: 'swap', source: 'Cabinet decision' },
    { date: '2026-04-15', kind: 'election', name: 'election', source: 'Electoral Code art. 8.2' },
  ],
  declaredWorkingDays: [{ date: '2026-03-28', source: 'Cabinet decision' }],
}

const withDay = (index: number, patch: Record<string, unknown>) => ({
  ...good,
  nonWorkingDays: good.nonWorkingDays.map((day, i) => (i === index ? { ...day, ...patch } : day)),
})

const problemsOf = (input: unknown): string => {
  const result = decodeYearFile(input)
  if (E.isRight(result)) throw new Error('expected the file to be refused')
  return result.left.join('\n')
}

describe('calendar year file (CAL-2: the calendar is data)', () => {
  it('CAL-2: a year file with holidays, moved and declared rest days, an election and a declared working day decodes', () => {
    const result = decodeYearFile(good)
    expect(E.isRight(result)).toBe(true)
    if (E.isRight(result)) {
      expect(result.right.nonWorkingDays.map((day) => day.kind)).toEqual([
        'holiday',
        'moved_rest_day',
        'declared_rest_day',
        'election',
      ])
      expect(result.right.declaredWorkingDays[0]?.date).toBe('2026-03-28')
    }
  })

  it('CAL-2: wrong dates are refused, naming the entry', () => {
    expect(problemsOf(withDay(0, { date: '2026-02-30' }))).toMatch(
      /nonWorkingDays\[0\] \(2026-02-30\)\.date: 2026-02-30 is not a calendar date/,
    )
    expect(problemsOf(withDay(1, { date: '25.03.2026' }))).toMatch(
      /nonWorkingDays\[1\] \(25\.03\.2026\)\.date: expected a date as YYYY-MM-DD/,
    )
  })

  it('CAL-2: an unknown kind is refused with the kinds that exist', () => {
    expect(problemsOf(withDay(0, { kind: 'holyday' }))).toMatch(
      /nonWorkingDays\[0\] \(2026-03-20\)\.kind: expected holiday \| moved_rest_day \| declared_rest_day \| election, got "holyday"/,
    )
  })

  it('CAL-2: every entry needs a source; a missing or blank one is refused', () => {
    const { source: _dropped, ...withoutSource } = good.nonWorkingDays[2] as Record<string, unknown>
    const missing = { ...good, nonWorkingDays: [good.nonWorkingDays[0], withoutSource] }
    expect(problemsOf(missing)).toMatch(/nonWorkingDays\[1\] \(2026-04-01\)\.source: expected non-empty text/)
    expect(problemsOf(withDay(0, { source: '   ' }))).toMatch(/\.source: expected non-empty text/)
    expect(problemsOf({ ...good, declaredWorkingDays: [{ date: '2026-03-28' }] })).toMatch(
      /declaredWorkingDays\[0\] \(2026-03-28\)\.source/,
    )
  })

  it('CAL-2: a date outside its year is refused', () => {
    expect(problemsOf(withDay(0, { date: '2025-03-20' }))).toMatch(
      /non-working day 2025-03-20 is outside its year 2026/,
    )
    expect(problemsOf({ ...good, declaredWorkingDays: [{ date: '2027-01-02', source: 'x' }] })).toMatch(
      /declared working day 2027-01-02 is outside its year 2026/,
    )
  })

  it('CAL-2: inconsistent entries are refused: a declared working day that is a holiday, a weekday, or a duplicate', () => {
    expect(problemsOf({ ...good, declaredWorkingDays: [{ date: '2026-03-20', source: 'x' }] })).toMatch(
      /2026-03-20 is both non-working and a declared working day/,
    )
    expect(problemsOf({ ...good, declaredWorkingDays: [{ date: '2026-03-31', source: 'x' }] })).toMatch(
      /2026-03-31 is a Tuesday: only a Saturday or Sunday can be declared working/,
    )
    expect(problemsOf({ ...good, nonWorkingDays: [...good.nonWorkingDays, good.nonWorkingDays[0]] })).toMatch(
      /2026-03-20 is listed twice as non-working/,
    )
    expect(problemsOf(withDay(1, { date: '2026-03-21' }))).toMatch(
      /2026-03-21 is a Saturday: a moved_rest_day must fall on Monday–Friday/,
    )
  })

  it('CAL-2: a misspelt field, a missing list or a bad year is refused rather than silently dropped', () => {
    expect(problemsOf(withDay(0, { sorce: 'typo' }))).toMatch(/unknown field "sorce"/)
    const { declaredWorkingDays: _dropped, ...withoutWorkingDays } = good
    expect(problemsOf(withoutWorkingDays)).toMatch(/declaredWorkingDays: missing/)
    expect(problemsOf({ ...good, year: '2026' })).toMatch(/year: expected a year such as 2026, got "2026"/)
    expect(problemsOf('not a calendar')).toMatch(/^file: /)
  })
})
