import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Logger } from '@imtahan/adapters'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCalendar } from '../src/commands/calendar.js'
import { loadServeCalendar } from '../src/serve/calendar.js'

const run = async (...args: string[]) => {
  let out = ''
  let err = ''
  const code = await runCalendar(args, { out: (text) => (out += text), err: (text) => (err += text) })
  return { code, out, err }
}

/** A logger double that keeps what was logged (pino's (object, message) call shape). */
const recordingLogger = () => {
  const lines: { level: string; fields: unknown; msg: unknown }[] = []
  const at = (level: string) => (fields: unknown, msg?: unknown) => void lines.push({ level, fields, msg })
  const logger = { info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug') }
  return { logger: logger as unknown as Logger, lines }
}

describe('imtahan calendar check (CAL-3)', () => {
  let dir = ''
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'imtahan-cli-calendar-check-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('CAL-3: says which years are covered, until when from today, and the last publication day it can count', async () => {
    const { code, out } = await run('check', '--today', '2026-12-04')
    expect(code).toBe(0)
    expect(out).toContain('years loaded:   2025, 2026')
    expect(out).toContain('covered:        2025-01-01 … 2026-12-31')
    expect(out).toContain('today 2026-12-04: covered until 2026-12-31')
    expect(out).toContain('next 90 days: NOT covered — add the year file for 2027')
    // Published on 27 December the window is 28, 29, 30 December; from 28 December it needs 2027.
    expect(out).toContain('results published up to 2026-12-27 (Baku)')
  })

  it('CAL-3: --json gives the same facts; a date well inside the data is covered for 90 days', async () => {
    const { code, out } = await run('check', '--today', '2025-03-01', '--json')
    expect(code).toBe(0)
    expect(JSON.parse(out)).toMatchObject({
      years: [2025, 2026],
      today: '2025-03-01',
      coveredUntil: '2026-12-31',
      next90DaysCovered: true,
      missingYears: [],
      lastPublicationDay: '2026-12-27',
    })
  })

  it('CAL-3: a day in a year without data is not covered (exit 1); an operator year file extends the coverage', async () => {
    const missing = await run('check', '--today', '2027-01-10')
    expect(missing.code).toBe(1)
    expect(missing.out).toContain('today 2027-01-10: NOT covered — no data for 2027')
    const file = join(dir, '2027.json')
    await writeFile(file, JSON.stringify({ year: 2027, nonWorkingDays: [], declaredWorkingDays: [] }))
    const extended = await run('check', '--today', '2027-01-10', '--calendar', file, '--json')
    expect(extended.code).toBe(0)
    expect(JSON.parse(extended.out)).toMatchObject({ years: [2027], coveredUntil: '2027-12-31' })
  })
})

describe('imtahan serve: calendar coverage at start (CAL-3)', () => {
  it('CAL-3: warns, naming the missing year, when the calendar does not cover the next 90 days', async () => {
    const { logger, lines } = recordingLogger()
    await loadServeCalendar([], logger, new Date('2026-12-04T08:00:00Z'))
    const warnings = lines.filter((line) => line.level === 'warn')
    expect(warnings).toHaveLength(1)
    expect(warnings[0]?.fields).toMatchObject({
      coveredUntil: '2026-12-31',
      neededUntil: '2027-03-04',
      missingYears: [2027],
    })
    expect(String(warnings[0]?.msg)).toContain('does not cover the next 90 days: no data for 2027')
  })

  it('CAL-3: says nothing more when the next 90 days are covered', async () => {
    const { logger, lines } = recordingLogger()
    await loadServeCalendar([], logger, new Date('2026-06-01T08:00:00Z'))
    expect(lines.filter((line) => line.level === 'warn')).toEqual([])
    expect(lines.map((line) => line.msg)).toEqual(['business calendar loaded'])
  })
})
