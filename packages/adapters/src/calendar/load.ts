import { readdir, readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import {
  type BusinessCalendar,
  buildCalendar,
  type CalendarYearFile,
  type DomainError,
  decodeYearFile,
  domainError,
} from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'

/**
 * The shipped year files live in `packages/adapters/calendar/`, beside both
 * `src/` (vitest) and `dist/` (after the build), so the same relative URL
 * finds them from either.
 */
export const SHIPPED_CALENDAR_DIR = fileURLToPath(new URL('../../calendar/', import.meta.url))

const YEAR_FILE_NAME = /^\d{4}\.json$/

/** The shipped `<year>.json` files, oldest year first. */
export const shippedCalendarFiles = async (): Promise<string[]> =>
  (await readdir(SHIPPED_CALENDAR_DIR))
    .filter((name) => YEAR_FILE_NAME.test(name))
    .sort()
    .map((name) => `${SHIPPED_CALENDAR_DIR}${name}`)

export type LoadedCalendar = {
  readonly calendar: BusinessCalendar
  /** Each file read and the year it holds, in the order given. */
  readonly files: readonly { readonly path: string; readonly year: number }[]
}

const invalidFile = (path: string, problems: readonly string[]): DomainError =>
  domainError('calendar.invalid_file', `Calendar file ${path}: ${problems.join('; ')}`, {
    file: path,
    problems,
  })

/** Reads and checks one year file; every error names the file and says what is wrong. */
export const readYearFile = async (path: string): Promise<E.Either<DomainError, CalendarYearFile>> => {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return E.left(
      domainError('calendar.file_unreadable', `Cannot read calendar file ${path}: ${reason}`, { file: path }),
    )
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    return E.left(
      invalidFile(path, [`not valid JSON (${error instanceof Error ? error.message : String(error)})`]),
    )
  }
  return E.mapLeft((problems: readonly string[]) => invalidFile(path, problems))(decodeYearFile(json))
}

/**
 * Loads the business calendar (CAL-2): the shipped year files, or — when
 * `files` is given — only the operator's own files, which replace them.
 */
export const loadCalendar = async (
  options: { readonly files?: readonly string[] } = {},
): Promise<E.Either<DomainError, LoadedCalendar>> => {
  const paths =
    options.files !== undefined && options.files.length > 0 ? options.files : await shippedCalendarFiles()
  const files: { path: string; year: number }[] = []
  const years: CalendarYearFile[] = []
  for (const path of paths) {
    const file = await readYearFile(path)
    if (E.isLeft(file)) return file
    const earlier = files.find((loaded) => loaded.year === file.right.year)
    if (earlier !== undefined)
      return E.left(
        domainError(
          'calendar.duplicate_year',
          `Calendar files ${earlier.path} and ${path} both hold ${file.right.year}; give each year once`,
          { year: file.right.year, files: [earlier.path, path] },
        ),
      )
    files.push({ path, year: file.right.year })
    years.push(file.right)
  }
  return E.map((calendar: BusinessCalendar) => ({ calendar, files }))(buildCalendar(years))
}
