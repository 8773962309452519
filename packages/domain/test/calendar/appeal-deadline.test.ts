import { describe, expect, it } from 'vitest'
import { type AppealWindow, appealWindow, appealWindowIsOpenAt } from '../../src/calendar/index.js'
import { shippedCalendar, unwrap } from './fixtures.js'

const calendar = shippedCalendar()
const windowFor = (publishedAt: string, businessDays?: number): AppealWindow =>
  unwrap(appealWindow(calendar, new Date(publishedAt), businessDays))
const open = (window: AppealWindow, at: string) => appealWindowIsOpenAt(window, new Date(at))

describe('appeal deadline (APL-2: 3 business days, publication day not counted, closes 24:00 Baku)', () => {
  it('APL-2: publication on Thursday 19 March 2026, just before Novruz, closes at 24:00 Baku on Thursday 2 April', () => {
    const window = windowFor('2026-03-19T15:00:00+04:00')
    expect(window.publishedOn).toBe('2026-03-19')
    expect(window.countedDays).toEqual(['2026-03-31', '2026-04-01', '2026-04-02']) // 20–30 March are non-working
    expect(window.closesAt.toISOString()).toBe('2026-04-02T20:00:00.000Z')
  })

  it('APL-2: publication on Thursday 19 March 2026 — appealing at 23:59:59 Baku on 2 April is in time; one second later is late', () => {
    const window = windowFor('2026-03-19T15:00:00+04:00')
    expect(open(window, '2026-04-02T23:59:59+04:00')).toBe(true)
    expect(open(window, '2026-04-03T00:00:00+04:00')).toBe(false)
    expect(open(window, '2026-03-19T15:00:00+04:00')).toBe(true) // at the publication instant
    expect(open(window, '2026-03-19T14:59:59+04:00')).toBe(false) // before publication
  })

  it('APL-2: publication on Tuesday 17 March 2026 counts 18 and 19 March, then 31 March after Novruz', () => {
    const window = windowFor('2026-03-17T10:00:00+04:00')
    expect(window.countedDays).toEqual(['2026-03-18', '2026-03-19', '2026-03-31'])
    expect(window.closesAt.toISOString()).toBe('2026-03-31T20:00:00.000Z')
  })

  it('APL-2: publication on Tuesday 26 May 2026, just before 27–31 May, closes at 24:00 Baku on Wednesday 3 June', () => {
    const window = windowFor('2026-05-26T12:00:00+04:00')
    expect(window.countedDays).toEqual(['2026-06-01', '2026-06-02', '2026-06-03'])
    expect(window.closesAt.toISOString()).toBe('2026-06-03T20:00:00.000Z')
    expect(open(window, '2026-06-03T23:59:59+04:00')).toBe(true)
    expect(open(window, '2026-06-04T00:00:00+04:00')).toBe(false)
  })

  it('APL-2: publication on Monday 25 May 2026 counts 26 May, then 1 and 2 June', () => {
    expect(windowFor('2026-05-25T09:00:00+04:00').countedDays).toEqual([
      '2026-05-26',
      '2026-06-01',
      '2026-06-02',
    ])
  })

  it('APL-2: time-zone edge — 23:30 UTC on Monday 25 May 2026 is already Tuesday 26 May in Baku', () => {
    const window = windowFor('2026-05-25T23:30:00Z')
    expect(window.publishedOn).toBe('2026-05-26')
    expect(window.closesAt.toISOString()).toBe('2026-06-03T20:00:00.000Z')
    // 19:59:59 UTC is 23:59:59 in Baku, still Monday 25 May.
    expect(windowFor('2026-05-25T19:59:59Z').closesAt.toISOString()).toBe('2026-06-02T20:00:00.000Z')
    expect(windowFor('2026-05-25T20:00:00Z').publishedOn).toBe('2026-05-26')
  })

  it('APL-2: the publication day is not counted even when results appear at 00:01 on a business day', () => {
    const window = windowFor('2026-04-14T00:01:00+04:00') // Tuesday
    expect(window.countedDays).toEqual(['2026-04-15', '2026-04-16', '2026-04-17'])
    expect(window.closesAt.toISOString()).toBe('2026-04-17T20:00:00.000Z')
  })

  it('APL-2: around a weekend — publication on Friday or Saturday counts from Monday', () => {
    expect(windowFor('2026-04-10T18:00:00+04:00').countedDays).toEqual([
      '2026-04-13',
      '2026-04-14',
      '2026-04-15',
    ])
    expect(windowFor('2026-04-11T11:00:00+04:00').countedDays).toEqual([
      '2026-04-13',
      '2026-04-14',
      '2026-04-15',
    ])
    // Wednesday: Thursday, Friday, then Monday.
    expect(windowFor('2026-04-15T11:00:00+04:00').lastDay).toBe('2026-04-20')
  })

  it('APL-2: around holidays in 2025 — the Cabinet swap made 1 April 2025 a working day again', () => {
    const window = windowFor('2025-03-19T12:00:00+04:00')
    expect(window.countedDays).toEqual(['2025-04-01', '2025-04-02', '2025-04-03'])
    // 9 June 2025 replaced Saturday 7 June (Qurban); 16 June replaced Sunday 15 June.
    expect(windowFor('2025-06-05T12:00:00+04:00').countedDays).toEqual([
      '2025-06-10',
      '2025-06-11',
      '2025-06-12',
    ])
    expect(windowFor('2025-06-12T12:00:00+04:00').countedDays).toEqual([
      '2025-06-13',
      '2025-06-17',
      '2025-06-18',
    ])
  })

  it('APL-2: the number of business days is configurable', () => {
    const window = windowFor('2026-03-19T15:00:00+04:00', 5)
    expect(window.countedDays).toEqual(['2026-03-31', '2026-04-01', '2026-04-02', '2026-04-03', '2026-04-06'])
    expect(window.closesAt.toISOString()).toBe('2026-04-06T20:00:00.000Z')
  })
})
