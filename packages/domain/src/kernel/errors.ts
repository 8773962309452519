/**
 * A refusal the domain gives back as a value. `code` is stable (clients and
 * the HTTP layer key on it); `message` is written for a person and says what
 * to do; `details` carries the facts behind the refusal (limits, ids, dates).
 */
export type DomainError = {
  readonly code: string
  readonly message: string
  readonly details?: Readonly<Record<string, unknown>>
}

export const domainError = (
  code: string,
  message: string,
  details?: Readonly<Record<string, unknown>>,
): DomainError => (details === undefined ? { code, message } : { code, message, details })
