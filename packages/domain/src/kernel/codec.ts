import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import { type DomainError, domainError } from './errors.js'

/** Turns io-ts validation errors into sentences a person can read. */
export const describeErrors = (errors: t.Errors): string[] =>
  errors.map((error) => {
    const path = error.context
      .map((entry) => entry.key)
      .filter((key) => key !== '' && !/^\d+$/.test(key))
      .join('.')
    const where = path === '' ? 'value' : path
    if (error.message !== undefined) return `${where}: ${error.message}`
    const expected = error.context[error.context.length - 1]?.type.name ?? 'a valid value'
    return `${where}: expected ${expected}, got ${JSON.stringify(error.value) ?? 'undefined'}`
  })

/** Decodes `input` or returns a `validation.invalid_input` error listing every problem. */
export const decodeWith =
  <A, O>(codec: t.Type<A, O, unknown>) =>
  (input: unknown): E.Either<DomainError, A> =>
    E.mapLeft((errors: t.Errors) => {
      const problems = [...new Set(describeErrors(errors))]
      return domainError('validation.invalid_input', `Invalid input: ${problems.join('; ')}`, { problems })
    })(codec.decode(input))
