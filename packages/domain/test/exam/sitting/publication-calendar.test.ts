import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { buildCalendar } from '../../../src/calendar/index.js'
import { examDecider, fold } from '../../../src/index.js'
import { emptyYear, shippedCalendar, shippedYear, unwrap } from '../../calendar/fixtures.js'
import { EXAM, examHistory } from '../session/fixtures.js'

/**
 * CAL-3 at publication (APL-1/APL-2): results are published only when the
 * calendar can count their appeal window. The shipped calendar covers 2025
 * and 2026; results published on Monday 28 December 2026 have a window that
 * runs into 2027 (29, 30 December, then 31 December and 1–2 January are
 * holidays).
 */
const state = fold(examDecider, examHistory())
const publish = (publishAt: string, calendar = shippedCalendar(), businessDays?: number) =>
  examDecider.decide(
    { type: 'PublishResults', examId: EXAM, publishAt: new Date(publishAt), publishedBy: 'board-1' },
    state,
    {
      now: new Date('2026-06-11T08:00:00Z'),
      appealCalendar: { calendar, ...(businessDays === undefined ? {} : { businessDays }) },
    },
  )

describe('CAL-3: publication needs calendar data for the whole appeal window', () => {
  it('CAL-3/APL-2: results whose appeal window runs into a year without calendar data are refused, naming the year', () => {
    const refused = publish('2026-12-28T08:00:00Z')
    if (E.isRight(refused)) throw new Error('expected a refusal')
    expect(refused.left.code).toBe('exam.appeal_window_not_covered')
    expect(refused.left.details).toMatchObject({ year: 2027, loadedYears: [2025, 2026] })
    expect(refused.left.message).toContain('2027')
    expect(refused.left.message).toContain('docs/appeals.md')
  })

  it('CAL-3/APL-2: the last publication days the shipped calendar covers are published', () => {
    // Friday 25 December 2026: 28, 29, 30 December are the three business days.
    for (const at of ['2026-06-12T08:00:00Z', '2026-12-25T08:00:00Z', '2026-12-27T19:59:59Z'])
      expect(publish(at), at).toEqual(E.right([expect.objectContaining({ type: 'ResultsPublished' })]))
    // 28 December 00:00 Baku is 27 December 20:00 UTC: already the Monday.
    expect(E.isLeft(publish('2026-12-27T20:00:00Z'))).toBe(true)
  })

  it('CAL-3/APL-2: the configured number of business days decides; a year file for 2027 lifts the refusal', () => {
    expect(E.isRight(publish('2026-12-28T08:00:00Z', shippedCalendar(), 2))).toBe(true)
    const with2027 = unwrap(buildCalendar([shippedYear(2025), shippedYear(2026), emptyYear(2027)]))
    expect(E.isRight(publish('2026-12-28T08:00:00Z', with2027))).toBe(true)
  })

  it('CAL-3: a publication inside a year without data names that year', () => {
    const only2025 = unwrap(buildCalendar([shippedYear(2025)]))
    const refused = publish('2026-06-12T08:00:00Z', only2025)
    expect(E.isLeft(refused) && refused.left.details).toMatchObject({ year: 2026 })
  })
})
