import * as t from 'io-ts'

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/

/**
 * An identifier chosen by the application (wallet, transfer, charge,
 * request). Restricted to URL- and log-safe characters so it can be part of
 * a stream name and of a derived command id without escaping.
 */
export const Id = new t.Type<string, string, unknown>(
  'Id',
  (u): u is string => typeof u === 'string' && ID_PATTERN.test(u),
  (input, context) =>
    typeof input === 'string' && ID_PATTERN.test(input)
      ? t.success(input)
      : t.failure(
          input,
          context,
          `an id is 1 to 128 letters, digits, dots, colons, underscores or hyphens; got ${JSON.stringify(input)}`,
        ),
  (id) => id,
)

/** Free text shown to a person (a purpose on the statement, a service name): not blank, one line. */
export const Label = new t.Type<string, string, unknown>(
  'Label',
  (u): u is string => typeof u === 'string' && isLabel(u),
  (input, context) =>
    typeof input === 'string' && isLabel(input)
      ? t.success(input)
      : t.failure(input, context, 'expected a non-blank line of text of at most 200 characters'),
  (text) => text,
)

function isLabel(text: string): boolean {
  return text.trim() === text && text.length > 0 && text.length <= 200 && !/[\r\n]/.test(text)
}
