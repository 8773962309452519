import { type LoadedCalendar, type Logger, loadCalendar } from '@imtahan/adapters'
import * as E from 'fp-ts/lib/Either.js'
import { coverageAhead } from '../calendar-coverage.js'

/** `imtahan serve` warns when the calendar does not reach this many days ahead (CAL-3). */
export const CALENDAR_WARNING_DAYS = 90

/** The calendar could not be loaded: `imtahan serve` refuses to start, with the loader's own words. */
export class CalendarLoadError extends Error {
  override readonly name = 'CalendarLoadError'
}

/**
 * CAL-2: the business calendar the appeal windows are counted with, loaded
 * once at start — the operator's files (`--calendar`, `IMTAHAN_CALENDAR`),
 * which replace the shipped ones, or the shipped ones. A bad file stops the
 * start rather than the first appeal; the years loaded are logged (file
 * paths and years only). A calendar that does not reach 90 days ahead is
 * logged as a warning naming the missing years: results whose appeal window
 * runs past it cannot be published (CAL-3).
 */
export const loadServeCalendar = async (
  files: readonly string[],
  logger: Logger,
  now: Date = new Date(),
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
  const ahead = coverageAhead(loaded.right.calendar, now, CALENDAR_WARNING_DAYS)
  if (!ahead.covered)
    logger.warn(
      {
        coveredUntil: ahead.coveredUntil ?? null,
        neededUntil: ahead.until,
        missingYears: ahead.missingYears,
      },
      `business calendar does not cover the next ${CALENDAR_WARNING_DAYS} days: no data for ${ahead.missingYears.join(', ')}; ` +
        'results whose appeal window needs those years cannot be published — add the year file (docs/appeals.md), check with `imtahan calendar check`',
    )
  return loaded.right
}
