/**
 * One row of an error table: the HTTP status the refusal answers with and a
 * sentence saying what it means. The domain holds the status as plain data so
 * that one table per area is the single place a code is declared; the HTTP
 * layer only looks it up.
 */
export type ErrorEntry = { readonly status: number; readonly meaning: string }

/** An area's error table: code → entry, declared `as const` so the codes are literal types. */
export type ErrorTable = Readonly<Record<string, ErrorEntry>>

/**
 * Every error code there is, as the keys of one interface. The domain adds
 * its areas' tables (`../errors.ts`); the adapters and the HTTP layer add the
 * codes only they raise, by declaration merging, because the domain must not
 * import them. `DomainError.code` is then the union of all codes, so a
 * misspelt code does not compile.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging, one table per area.
export interface ErrorCodes {}

export type ErrorCode = keyof ErrorCodes & string

/**
 * A refusal the domain gives back as a value. `code` is stable (clients and
 * the HTTP layer key on it); `message` is written for a person and says what
 * to do; `details` carries the facts behind the refusal (limits, ids, dates).
 */
export type DomainError = {
  readonly code: ErrorCode
  readonly message: string
  readonly details?: Readonly<Record<string, unknown>>
}

export const domainError = (
  code: ErrorCode,
  message: string,
  details?: Readonly<Record<string, unknown>>,
): DomainError => (details === undefined ? { code, message } : { code, message, details })
