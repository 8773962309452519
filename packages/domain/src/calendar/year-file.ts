import * as t from 'io-ts'
import { LocalDate } from '../kernel/time.js'

/**
 * Why a day is not worked (RULES.md CAL-1, CAL-2):
 * - `holiday`: a public holiday of Labour Code art. 105 (fixed, or a bayram day decreed for the year);
 * - `moved_rest_day`: a weekly rest day moved to this weekday because a holiday fell on it (art. 105.5),
 *   or because a bayram overlapped another holiday (art. 105.6);
 * - `declared_rest_day`: a weekday made a rest day by a Cabinet of Ministers swap (art. 105.7);
 * - `election`: voting day, not a working day by Electoral Code art. 8.2.
 */
export const NON_WORKING_KINDS = ['holiday', 'moved_rest_day', 'declared_rest_day', 'election'] as const
export type NonWorkingKind = (typeof NON_WORKING_KINDS)[number]

const NonWorkingKind = t.keyof(
  Object.fromEntries(NON_WORKING_KINDS.map((kind) => [kind, null])) as Record<NonWorkingKind, null>,
  NON_WORKING_KINDS.join(' | '),
)

/** Text that must say something: a name, a source. */
const Text = new t.Type<string, string, unknown>(
  'Text',
  (u): u is string => typeof u === 'string' && u.trim() !== '',
  (input, context) =>
    typeof input === 'string' && input.trim() !== ''
      ? t.success(input.trim())
      : t.failure(input, context, `expected non-empty text, got ${JSON.stringify(input) ?? 'nothing'}`),
  (text) => text,
)

/** A field that may be left out (a plain union, so error paths stay simple). */
const optional = <C extends t.Mixed>(codec: C) => t.union([codec, t.undefined])

/**
 * io-ts drops unknown keys silently; for a hand-edited data file a misspelt
 * key ("sorce", "declaredWorkingDay") would then lose data without a word, so
 * unknown keys are refused.
 */
const closed = <P extends t.Props>(name: string, props: P) => {
  const shape = t.type(props, name)
  const known = new Set(Object.keys(props))
  return new t.Type<t.TypeOf<typeof shape>, t.OutputOf<typeof shape>, unknown>(
    name,
    shape.is,
    (input, context) => {
      if (typeof input === 'object' && input !== null && !Array.isArray(input)) {
        const unknown = Object.keys(input).filter((key) => !known.has(key))
        if (unknown.length > 0)
          return t.failure(
            input,
            context,
            `unknown field ${unknown.map((key) => `"${key}"`).join(', ')} (expected ${[...known].join(', ')})`,
          )
      }
      return shape.validate(input, context)
    },
    shape.encode,
  )
}

export const NonWorkingDay = closed('NonWorkingDay', {
  date: LocalDate,
  kind: NonWorkingKind,
  name: Text,
  source: Text,
})
export type NonWorkingDay = t.TypeOf<typeof NonWorkingDay>

/** A Saturday or Sunday made a working day by a declared swap (art. 105.7). */
export const DeclaredWorkingDay = closed('DeclaredWorkingDay', {
  date: LocalDate,
  name: optional(Text),
  source: Text,
})
export type DeclaredWorkingDay = t.TypeOf<typeof DeclaredWorkingDay>

const CalendarYearNumber = new t.Type<number, number, unknown>(
  'CalendarYearNumber',
  (u): u is number => typeof u === 'number' && Number.isInteger(u) && u >= 2000 && u <= 2999,
  (input, context) =>
    typeof input === 'number' && Number.isInteger(input) && input >= 2000 && input <= 2999
      ? t.success(input)
      : t.failure(input, context, `expected a year such as 2026, got ${JSON.stringify(input) ?? 'nothing'}`),
  (year) => year,
)

/**
 * One year of the business calendar as shipped in `<year>.json` (CAL-2).
 * Saturdays and Sundays are rest days by default and need no entry; list a
 * holiday on a weekend anyway so the file reads like the published decision.
 */
export const CalendarYearFile = closed('CalendarYearFile', {
  year: CalendarYearNumber,
  nonWorkingDays: t.readonlyArray(NonWorkingDay),
  declaredWorkingDays: t.readonlyArray(DeclaredWorkingDay),
  notes: optional(t.readonlyArray(t.string)),
})
export type CalendarYearFile = t.TypeOf<typeof CalendarYearFile>
