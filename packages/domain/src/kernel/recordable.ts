import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import { type DomainError, domainError, type ErrorEntry } from './errors.js'

/**
 * Refuses to record an event that its own codec would reject when it is read
 * back (a blank purpose, an id with spaces, an invalid date): a stored event
 * that cannot be decoded would break every replay after it. Shared by the
 * money aggregates; each member is a `t.type` named after its `type` literal.
 */
/** The row each of those aggregates declares for `<scope>.invalid_command`. */
export const INVALID_COMMAND = {
  status: 422,
  meaning: 'The aggregate refused to record an event that its own codec would reject.',
} as const satisfies ErrorEntry

/** The aggregates that check their events before recording; each declares `<scope>.invalid_command`. */
export type RecordableScope = 'wallet' | 'payment' | 'transfer' | 'exam' | 'session' | 'appeal'

export const recordable =
  (scope: RecordableScope, members: ReadonlyArray<{ readonly name: string; readonly props: t.Props }>) =>
  <Event extends { readonly type: string }>(
    events: readonly Event[],
  ): E.Either<DomainError, readonly Event[]> => {
    for (const event of events) {
      const props = members.find((codec) => codec.name === event.type)?.props ?? { type: { is: () => false } }
      const fields = Object.entries(props)
        .filter(([name, codec]) => !codec.is((event as Record<string, unknown>)[name]))
        .map(([name]) => name)
      if (fields.length > 0)
        return E.left(
          domainError(
            `${scope}.invalid_command`,
            `Cannot record ${event.type}: check ${fields.join(', ')}.`,
            {
              event: event.type,
              fields,
            },
          ),
        )
    }
    return E.right(events)
  }
