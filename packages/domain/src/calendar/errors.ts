import type { ErrorTable } from '../kernel/errors.js'

/** Refusals of the business calendar; the `file`/`duplicate_year` ones are raised by the adapter that loads year files. */
export const CALENDAR_ERRORS = {
  'calendar.duplicate_year': { status: 422, meaning: 'Two calendar files hold the same year.' },
  'calendar.file_unreadable': { status: 422, meaning: 'A calendar file cannot be read.' },
  'calendar.inconsistent': { status: 422, meaning: 'The business calendar contradicts itself.' },
  'calendar.invalid_business_days': { status: 422, meaning: 'A number of business days is out of range.' },
  'calendar.invalid_date': { status: 422, meaning: 'A date is not a calendar date YYYY-MM-DD.' },
  'calendar.invalid_file': { status: 422, meaning: 'A calendar file is malformed.' },
  'calendar.invalid_instant': { status: 422, meaning: 'An instant is not a valid date.' },
  'calendar.year_missing': {
    status: 422,
    meaning: 'The business calendar has no data for the year asked about.',
  },
} as const satisfies ErrorTable
