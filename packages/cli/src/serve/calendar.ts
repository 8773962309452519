import { type LoadedCalendar, type Logger, loadCalendar } from '@imtahan/adapters'
import * as E from 'fp-ts/lib/Either.js'

/** The calendar could not be loaded: `imtahan serve` refuses to start, with the loader's own words. */
export class CalendarLoadError extends Error {
  override readonly name = 'CalendarLoadError'
}

/**
 * CAL-2: the business calendar the appeal windows are counted with, loaded
 * once at start — the operator's files (`--calendar`, `IMTAHAN_CALENDAR`),
 * which replace the shipped ones, or the shipped ones. A bad file stops the
 * start rather than the first appeal; the years loaded are logged (file
 * paths and years only).
 */
export const loadServeCalendar = async (
  files: readonly string[],
  logger: Logger,
): Promise<LoadedCalendar> => {
  const loaded = await loadCalendar({ files })
  if (E.isLeft(loaded)) throw new CalendarLoadError(loaded.left.message)
  logger.info(
    {
      calendar: files.length > 0 ? 'operator' : 'shipped',
      years: loaded.right.files.map((file) => file.year),
      files: loaded.right.files.map((file) => file.path),
    },
    'business calendar loaded',
  )
  return loaded.right
}
