import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCalendar } from '../src/commands/calendar.js'

const run = async (...args: string[]) => {
  let out = ''
  let err = ''
  const code = await runCalendar(args, { out: (text) => (out += text), err: (text) => (err += text) })
  return { code, out, err }
}

describe('imtahan calendar', () => {
  let dir = ''
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'imtahan-cli-calendar-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it("CAL-2: `imtahan calendar 2026` lists the year's non-working days with kind, name and source", async () => {
    const { code, out } = await run('2026')
    expect(code).toBe(0)
    expect(out).toMatch(/2026-03-23 Mon {2}holiday +Novruz bayramı/)
    expect(out).toMatch(/2026-05-29 Fri {2}moved_rest_day +Qurban bayramı on Independence Day/)
    expect(out).toMatch(/source: Labour Code art\. 105\.6/)
    expect(out).toContain('2026.json')
  })

  it('CAL-2: --json gives the entries with their weekday', async () => {
    const { code, out } = await run('2025', '--json')
    expect(code).toBe(0)
    const json = JSON.parse(out)
    expect(json.year).toBe(2025)
    expect(json.nonWorkingDays).toContainEqual(
      expect.objectContaining({ date: '2025-01-29', kind: 'election', weekday: 'Wednesday' }),
    )
  })

  it('APL-2: `imtahan calendar deadline 2026-03-19T15:00:00+04:00` prints the deadline in Baku time and UTC with the days counted', async () => {
    const { code, out } = await run('deadline', '2026-03-19T15:00:00+04:00')
    expect(code).toBe(0)
    expect(out).toContain('Thursday 2026-03-19, not counted')
    expect(out).toContain('business days:  2026-03-31 Tue, 2026-04-01 Wed, 2026-04-02 Thu')
    expect(out).toContain('2026-04-02 24:00 Asia/Baku (Thursday) = 2026-04-02T20:00:00.000Z UTC')
    expect(out).toContain('from 2026-04-03T00:00:00+04:00 it is late')
  })

  it('APL-2: deadline --json, a bare Baku date, and --days', async () => {
    const { out } = await run('deadline', '2026-05-26', '--json', '--days', '5')
    expect(JSON.parse(out)).toEqual({
      publishedAt: '2026-05-25T20:00:00.000Z',
      publishedOn: '2026-05-26',
      businessDays: 5,
      countedDays: ['2026-06-01', '2026-06-02', '2026-06-03', '2026-06-04', '2026-06-05'],
      lastDay: '2026-06-05',
      closesAt: '2026-06-05T20:00:00.000Z',
      closesAtBaku: '2026-06-06T00:00:00+04:00',
    })
  })

  it('CAL-3: a year without data is an error naming the year (exit 1)', async () => {
    const listing = await run('2027')
    expect(listing.code).toBe(1)
    expect(listing.err).toMatch(/no data for 2027/)
    const deadline = await run('deadline', '2026-12-30T12:00:00+04:00')
    expect(deadline.code).toBe(1)
    expect(deadline.err).toMatch(/no data for 2027/)
  })

  it('CAL-2: --calendar replaces the shipped files; a bad file is refused naming it', async () => {
    const own = join(dir, '2027.json')
    await writeFile(
      own,
      JSON.stringify({
        year: 2027,
        nonWorkingDays: [{ date: '2027-01-01', kind: 'holiday', name: 'Yeni il', source: 'operator' }],
        declaredWorkingDays: [],
      }),
    )
    const ok = await run('2027', '--calendar', own)
    expect(ok.code).toBe(0)
    expect(ok.out).toMatch(/2027-01-01 Fri {2}holiday +Yeni il/)
    expect((await run('2026', '--calendar', own)).code).toBe(1)
    const bad = join(dir, 'bad.json')
    await writeFile(
      bad,
      JSON.stringify({ year: 2027, nonWorkingDays: [{ date: '2027-01-01' }], declaredWorkingDays: [] }),
    )
    const refused = await run('2027', '--calendar', bad)
    expect(refused.code).toBe(1)
    expect(refused.err).toContain(`Calendar file ${bad}: nonWorkingDays[0] (2027-01-01).kind: missing`)
  })

  it('usage errors exit 2 with the help text; --help exits 0', async () => {
    expect((await run()).code).toBe(2)
    expect((await run('deadline', 'tomorrow')).err).toMatch(/"tomorrow" is not a publication instant/)
    expect((await run('2026', '--days', '0')).code).toBe(2)
    expect((await run('2026', '--frobnicate')).code).toBe(2)
    const help = await run('--help')
    expect(help.code).toBe(0)
    expect(help.out).toContain('imtahan calendar deadline <publication>')
  })
})
