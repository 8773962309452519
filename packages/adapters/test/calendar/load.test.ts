import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { isBusinessDay } from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type LoadedCalendar, loadCalendar, SHIPPED_CALENDAR_DIR } from '../../src/calendar/index.js'

const loaded = (result: E.Either<{ message: string }, LoadedCalendar>): LoadedCalendar => {
  if (E.isLeft(result)) throw new Error(result.left.message)
  return result.right
}

const yearFile = (year: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    year,
    nonWorkingDays: [{ date: `${year}-01-01`, kind: 'holiday', name: 'New Year', source: 'operator test' }],
    declaredWorkingDays: [],
    ...extra,
  })

describe('calendar loader (CAL-2: shipped data, replaceable by the operator)', () => {
  let dir = ''
  const file = async (name: string, text: string) => {
    const path = join(dir, name)
    await writeFile(path, text)
    return path
  }
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'imtahan-calendar-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('CAL-2: the shipped 2025 and 2026 files load, and agree with the published decisions', async () => {
    const { calendar, files } = loaded(await loadCalendar())
    expect(files.map((entry) => entry.year)).toEqual([2025, 2026])
    const business = (date: string) => E.getOrElseW(() => 'missing')(isBusinessDay(calendar, date))
    expect(business('2026-03-23')).toBe(false) // Novruz
    expect(business('2026-03-30')).toBe(false) // art. 105.6, Ramazan on Novruz
    expect(business('2026-03-31')).toBe(true)
    expect(business('2026-05-26')).toBe(true) // the day before Qurban bayramı
    expect(business('2026-05-29')).toBe(false)
    expect(business('2026-01-20')).toBe(true) // CAL-1: a commemorative day, worked
    expect(business('2025-03-27')).toBe(false) // 2025 swap
    expect(business('2025-04-01')).toBe(true)
  })

  it('CAL-2: every shipped entry has a source', async () => {
    const { calendar } = loaded(await loadCalendar())
    for (const day of calendar.nonWorking.values()) expect(day.source.length, day.date).toBeGreaterThan(10)
  })

  it('the shipped folder sits beside src and dist, so the module finds it after the build too', async () => {
    expect(await readdir(SHIPPED_CALENDAR_DIR)).toEqual(expect.arrayContaining(['2025.json', '2026.json']))
    const fromDist = new URL('../../calendar/', new URL('../../dist/calendar/load.js', import.meta.url))
    expect(fileURLToPath(fromDist)).toBe(SHIPPED_CALENDAR_DIR)
  })

  it("CAL-2: an operator's files replace the shipped ones (CAL-3 then applies to the shipped years)", async () => {
    const path = await file('2027.json', yearFile(2027))
    const { calendar, files } = loaded(await loadCalendar({ files: [path] }))
    expect(files).toEqual([{ path, year: 2027 }])
    expect(isBusinessDay(calendar, '2027-01-01')).toEqual(E.right(false))
    const missing = isBusinessDay(calendar, '2026-03-31')
    expect(E.isLeft(missing) && missing.left.code).toBe('calendar.year_missing')
  })

  it('CAL-2: a file that cannot be read, is not JSON, or is malformed is refused, naming the file and the problem', async () => {
    const refusal = async (paths: string[]) => {
      const result = await loadCalendar({ files: paths })
      if (E.isRight(result)) throw new Error('expected a refusal')
      return result.left
    }
    const absent = join(dir, 'absent.json')
    expect(await refusal([absent])).toMatchObject({
      code: 'calendar.file_unreadable',
      message: expect.stringContaining(absent),
    })
    const broken = await file('broken.json', '{ "year": 2027, ')
    expect((await refusal([broken])).message).toMatch(new RegExp(`${broken}: not valid JSON`))
    const unknownKind = await file(
      'kind.json',
      yearFile(2027, { nonWorkingDays: [{ date: '2027-01-01', kind: 'feast', name: 'x', source: 'y' }] }),
    )
    expect(await refusal([unknownKind])).toMatchObject({
      code: 'calendar.invalid_file',
      message: expect.stringMatching(
        /kind\.json: nonWorkingDays\[0\] \(2027-01-01\)\.kind: expected holiday/,
      ),
    })
    const outside = await file(
      'outside.json',
      yearFile(2027, { nonWorkingDays: [{ date: '2026-12-31', kind: 'holiday', name: 'x', source: 'y' }] }),
    )
    expect((await refusal([outside])).message).toMatch(
      /outside\.json: non-working day 2026-12-31 is outside its year 2027/,
    )
  })

  it('CAL-2: two files for the same year are refused, naming both', async () => {
    const first = await file('a-2027.json', yearFile(2027))
    const second = await file('b-2027.json', yearFile(2027))
    const result = await loadCalendar({ files: [first, second] })
    expect(E.isLeft(result) && result.left).toMatchObject({
      code: 'calendar.duplicate_year',
      message: expect.stringContaining(second),
      details: { year: 2027, files: [first, second] },
    })
  })
})
