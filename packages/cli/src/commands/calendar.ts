import { parseArgs } from 'node:util'
import { type LoadedCalendar, loadCalendar } from '@imtahan/adapters'
import {
  type AppealWindow,
  appealWindow,
  BAKU_OFFSET_MS,
  type CalendarYearFile,
  DEFAULT_APPEAL_BUSINESS_DAYS,
  Instant,
  LocalDate,
  loadedYears,
  weekdayName,
  yearData,
} from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import { coverageAhead, coveredRanges, lastCoveredPublicationDay } from '../calendar-coverage.js'
import type { Command } from './command.js'

export const CALENDAR_HELP = `usage: imtahan calendar <year> [options]
       imtahan calendar deadline <publication> [options]
       imtahan calendar check [--today <date>] [options]

Shows the business calendar (SPEC §4) and computes appeal deadlines (APL-2).

  <year>                  the year's non-working days with kind, name and source
  deadline <publication>  the appeal deadline for results published at that instant,
                          e.g. 2026-03-19T15:00:00+04:00; a bare date (2026-03-19) means that day in Baku
  check                   which years and dates the calendar covers, until when from today, and the
                          last publication day whose appeal window it can count (CAL-3)
  --today <date>          check from this Baku date instead of today
  --days <n>              business days in the appeal window (default ${DEFAULT_APPEAL_BUSINESS_DAYS})
  --calendar <file>       a year file to use instead of the shipped ones; repeat for several years
  --json                  print JSON
  -h, --help              this text

The publication day is not counted; the window closes at 24:00 Asia/Baku (20:00 UTC)
of the last business day. See docs/appeals.md for the file format and yearly updates.
`

/** Where the command writes; tests pass their own. */
export type CalendarIo = { readonly out: (text: string) => void; readonly err: (text: string) => void }

type Parsed =
  | { readonly action: 'help' }
  | { readonly action: 'year'; readonly year: number; readonly options: Options }
  | { readonly action: 'deadline'; readonly publishedAt: Date; readonly options: Options }
  | { readonly action: 'check'; readonly today: Date; readonly options: Options }
type Options = { readonly files: readonly string[]; readonly json: boolean; readonly days: number }

class UsageError extends Error {}

const parsePublication = (text: string): Date => {
  const instant = Instant.decode(text)
  if (E.isRight(instant)) return instant.right
  if (E.isRight(LocalDate.decode(text))) return new Date(`${text}T00:00:00+04:00`)
  throw new UsageError(
    `"${text}" is not a publication instant such as 2026-03-19T15:00:00+04:00 or a date 2026-03-19`,
  )
}

const parse = (args: readonly string[]): Parsed => {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      calendar: { type: 'string', multiple: true },
      days: { type: 'string' },
      today: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) return { action: 'help' }
  const days = values.days === undefined ? DEFAULT_APPEAL_BUSINESS_DAYS : Number(values.days)
  if (!Number.isInteger(days) || days < 1)
    throw new UsageError(`--days must be a whole number ≥ 1, got "${values.days}"`)
  const options = { files: values.calendar ?? [], json: values.json, days }
  const [first, second, ...rest] = positionals
  if (first === 'check' && second === undefined)
    return {
      action: 'check',
      today: values.today === undefined ? new Date() : parsePublication(values.today),
      options,
    }
  if (first === 'deadline' && second !== undefined && rest.length === 0)
    return { action: 'deadline', publishedAt: parsePublication(second), options }
  if (first !== undefined && /^\d{4}$/.test(first) && second === undefined)
    return { action: 'year', year: Number(first), options }
  throw new UsageError('expected a year (imtahan calendar 2026), "deadline <publication>" or "check"')
}

/** An instant as Baku wall-clock time with its offset, e.g. 2026-04-03T00:00:00+04:00. */
const bakuTime = (instant: Date): string =>
  `${new Date(instant.getTime() + BAKU_OFFSET_MS).toISOString().slice(0, 19)}+04:00`

const short = (date: string): string => `${date} ${weekdayName(date).slice(0, 3)}`

const yearText = (file: CalendarYearFile, loaded: LoadedCalendar): string => {
  const lines = [
    `Non-working days in ${file.year} (besides every Saturday and Sunday not declared working)`,
    `calendar files: ${loaded.files.map((entry) => entry.path).join(', ')}`,
    '',
    ...file.nonWorkingDays.flatMap((day) => [
      `${short(day.date)}  ${day.kind.padEnd(17)}  ${day.name}`,
      `${' '.repeat(35)}source: ${day.source}`,
    ]),
    '',
    file.declaredWorkingDays.length === 0
      ? 'Declared working days (a Saturday or Sunday worked): none'
      : 'Declared working days (a Saturday or Sunday worked):',
    ...file.declaredWorkingDays.map((day) => `${short(day.date)}  ${day.name ?? ''}  source: ${day.source}`),
    ...(file.notes ?? []).map((note) => `note: ${note}`),
  ]
  return `${lines.join('\n')}\n`
}

const yearJson = (file: CalendarYearFile, loaded: LoadedCalendar) => ({
  year: file.year,
  files: loaded.files.map((entry) => entry.path),
  nonWorkingDays: file.nonWorkingDays.map((day) => ({ ...day, weekday: weekdayName(day.date) })),
  declaredWorkingDays: file.declaredWorkingDays.map((day) => ({ ...day, weekday: weekdayName(day.date) })),
  notes: file.notes ?? [],
})

const deadlineText = (window: AppealWindow): string =>
  [
    `published:      ${bakuTime(window.publishedAt)} (Baku) — ${weekdayName(window.publishedOn)} ${window.publishedOn}, not counted`,
    `business days:  ${window.countedDays.map(short).join(', ')}`,
    `deadline:       ${window.lastDay} 24:00 Asia/Baku (${weekdayName(window.lastDay)}) = ${window.closesAt.toISOString()} UTC`,
    `An appeal is in time up to ${window.lastDay} 23:59:59 Baku time; from ${bakuTime(window.closesAt)} it is late.`,
    '',
  ].join('\n')

const deadlineJson = (window: AppealWindow) => ({
  publishedAt: window.publishedAt.toISOString(),
  publishedOn: window.publishedOn,
  businessDays: window.businessDays,
  countedDays: window.countedDays,
  lastDay: window.lastDay,
  closesAt: window.closesAt.toISOString(),
  closesAtBaku: bakuTime(window.closesAt),
})

const CHECK_AHEAD_DAYS = 90

const checkReport = (loaded: LoadedCalendar, today: Date, days: number) => {
  const { calendar } = loaded
  const ahead = coverageAhead(calendar, today, CHECK_AHEAD_DAYS)
  return {
    files: loaded.files.map((entry) => entry.path),
    years: loadedYears(calendar),
    ranges: coveredRanges(calendar),
    today: ahead.today,
    coveredUntil: ahead.coveredUntil ?? null,
    next90DaysCovered: ahead.covered,
    missingYears: ahead.missingYears,
    businessDays: days,
    lastPublicationDay: lastCoveredPublicationDay(calendar, ahead.today, days) ?? null,
  }
}

const checkText = (report: ReturnType<typeof checkReport>): string =>
  [
    `calendar files: ${report.files.join(', ')}`,
    `years loaded:   ${report.years.join(', ')}`,
    `covered:        ${report.ranges.map((range) => `${range.from} … ${range.to}`).join(', ')}`,
    report.coveredUntil === null
      ? `today ${report.today}: NOT covered — no data for ${report.today.slice(0, 4)}`
      : `today ${report.today}: covered until ${report.coveredUntil}`,
    report.next90DaysCovered
      ? `next ${CHECK_AHEAD_DAYS} days: covered`
      : `next ${CHECK_AHEAD_DAYS} days: NOT covered — add the year file for ${report.missingYears.join(', ')} (docs/appeals.md)`,
    report.lastPublicationDay === null
      ? 'publication: no day from today has an appeal window the calendar can count'
      : `publication: results published up to ${report.lastPublicationDay} (Baku) have an appeal window of ${report.businessDays} business days the calendar can count; later publications are refused (CAL-3)`,
    '',
  ].join('\n')

/** Runs `imtahan calendar …`; 0 on success, 1 when the calendar cannot answer, 2 on a usage error. */
export const runCalendar = async (args: readonly string[], io: CalendarIo): Promise<number> => {
  let parsed: Parsed
  try {
    parsed = parse(args)
  } catch (error) {
    io.err(`imtahan calendar: ${error instanceof Error ? error.message : String(error)}\n\n${CALENDAR_HELP}`)
    return 2
  }
  if (parsed.action === 'help') {
    io.out(CALENDAR_HELP)
    return 0
  }
  const { options } = parsed
  const loaded = await loadCalendar({ files: options.files })
  if (E.isLeft(loaded)) {
    io.err(`imtahan calendar: ${loaded.left.message}\n`)
    return 1
  }
  if (parsed.action === 'check') {
    const report = checkReport(loaded.right, parsed.today, options.days)
    io.out(options.json ? `${JSON.stringify(report, null, 2)}\n` : checkText(report))
    return report.coveredUntil === null ? 1 : 0
  }
  const answer =
    parsed.action === 'year'
      ? E.map((file: CalendarYearFile) =>
          options.json
            ? JSON.stringify(yearJson(file, loaded.right), null, 2) + '\n'
            : yearText(file, loaded.right),
        )(yearData(loaded.right.calendar, parsed.year))
      : E.map((window: AppealWindow) =>
          options.json ? JSON.stringify(deadlineJson(window), null, 2) + '\n' : deadlineText(window),
        )(appealWindow(loaded.right.calendar, parsed.publishedAt, options.days))
  if (E.isLeft(answer)) {
    io.err(`imtahan calendar: ${answer.left.message}\n`)
    return 1
  }
  io.out(answer.right)
  return 0
}

export const calendarCommand: Command = {
  summary: "show a year's non-working days; compute an appeal deadline; check the calendar's coverage",
  run: (args) =>
    runCalendar(args, {
      out: (text) => process.stdout.write(text),
      err: (text) => process.stderr.write(text),
    }),
}
