import * as t from 'io-ts'

/** A whole number in [min, max]: minutes, seat counts, sequence numbers. Never a fraction. */
export const wholeNumber = (name: string, min: number, max: number) =>
  new t.Type<number, number, unknown>(
    name,
    (u): u is number => typeof u === 'number' && Number.isInteger(u) && u >= min && u <= max,
    (input, context) =>
      typeof input === 'number' && Number.isInteger(input) && input >= min && input <= max
        ? t.success(input)
        : t.failure(
            input,
            context,
            `expected a whole number from ${min} to ${max}, got ${JSON.stringify(input)}`,
          ),
    (n) => n,
  )

/**
 * An exam id is short enough that every id derived from it (session, slip,
 * charge, registration) still fits the 128-character `Id`.
 */
export const ExamId = new t.Type<string, string, unknown>(
  'ExamId',
  (u): u is string => typeof u === 'string' && /^[A-Za-z0-9][A-Za-z0-9_-]{0,47}$/.test(u),
  (input, context) =>
    typeof input === 'string' && /^[A-Za-z0-9][A-Za-z0-9_-]{0,47}$/.test(input)
      ? t.success(input)
      : t.failure(
          input,
          context,
          `an exam id is 1 to 48 letters, digits, underscores or hyphens; got ${JSON.stringify(input)}`,
        ),
  (id) => id,
)
