import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CalendarLoadError } from '../src/serve/calendar.js'
import { parseServeOptions, type ServeOptions } from '../src/serve/options.js'
import { startServer } from '../src/serve/server.js'

/** CAL-2: `imtahan serve --calendar FILE` (repeatable) or IMTAHAN_CALENDAR replaces the shipped calendar. */
describe('imtahan serve --calendar', () => {
  let dir = ''
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'imtahan-serve-calendar-'))
  })
  afterAll(async () => {
    if (dir !== '') await rm(dir, { recursive: true, force: true })
  })

  const options = (args: readonly string[], env: NodeJS.ProcessEnv = {}) =>
    parseServeOptions(
      ['--port', '0', '--data-dir', join(dir, 'data'), '--log-level', 'info', ...args],
      env,
    ) as ServeOptions

  it('takes repeated --calendar, or IMTAHAN_CALENDAR comma-separated; the command line wins', () => {
    expect(options(['--calendar', 'a.json', '--calendar', 'b.json']).calendarFiles).toEqual([
      'a.json',
      'b.json',
    ])
    expect(options([], { IMTAHAN_CALENDAR: 'a.json, b.json' }).calendarFiles).toEqual(['a.json', 'b.json'])
    expect(options(['--calendar', 'c.json'], { IMTAHAN_CALENDAR: 'a.json' }).calendarFiles).toEqual([
      'c.json',
    ])
    expect(options([]).calendarFiles).toEqual([])
  })

  it('refuses to start on a bad file, with the loader’s message naming the file and the entry', async () => {
    const bad = join(dir, '2026.json')
    await writeFile(
      bad,
      JSON.stringify({
        year: 2026,
        nonWorkingDays: [{ date: '2026-02-30', kind: 'holiday', name: 'No such day', source: 'typo' }],
        declaredWorkingDays: [],
      }),
    )
    const lines: string[] = []
    const start = startServer(options(['--calendar', bad]), {
      write: (line: string) => void lines.push(line),
    })
    await expect(start).rejects.toBeInstanceOf(CalendarLoadError)
    await expect(start).rejects.toThrow(bad)
    await expect(startServer(options(['--calendar', join(dir, 'missing.json')]))).rejects.toThrow(
      /Cannot read calendar file/,
    )
  })

  it('starts with the operator’s files and logs the years it loaded', async () => {
    const file = join(dir, 'weekends-2026.json')
    await writeFile(file, JSON.stringify({ year: 2026, nonWorkingDays: [], declaredWorkingDays: [] }))
    const lines: string[] = []
    const server = await startServer(options(['--calendar', file]), {
      write: (line: string) => void lines.push(line),
    })
    try {
      const loaded = lines
        .map((line) => JSON.parse(line))
        .find((line) => line.msg === 'business calendar loaded')
      expect(loaded).toMatchObject({ calendar: 'operator', years: [2026], files: [file] })
    } finally {
      await server.stop()
    }
  })
})
