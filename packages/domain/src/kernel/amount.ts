import * as E from 'fp-ts/lib/Either.js'
import { type DomainError, domainError, type ErrorEntry } from './errors.js'
import { Money } from './money.js'

/**
 * WAL-4: an amount that moves money must be greater than zero and a whole
 * number of qəpik. Codecs already enforce both at the edge; this guard keeps
 * the deciders honest when a caller builds `Money` by arithmetic.
 */
/** The row each money area declares for `<area>.invalid_amount`. */
export const INVALID_AMOUNT = {
  status: 422,
  meaning: 'The amount is not positive or has more than 2 decimals (WAL-4).',
} as const satisfies ErrorEntry

/** The areas that move money; each declares its own `<area>.invalid_amount` code. */
export type AmountScope = 'wallet' | 'payment' | 'transfer'

export const checkAmount = (scope: AmountScope, amount: Money): E.Either<DomainError, Money> =>
  !Money.isPositive(amount)
    ? E.left(
        domainError(`${scope}.invalid_amount`, 'The amount must be greater than 0.00 manat.', {
          amount: Money.format(amount),
        }),
      )
    : amount.amount.decimalPlaces() > 2
      ? E.left(
          domainError(`${scope}.invalid_amount`, 'The amount can have at most 2 decimals (qəpik).', {
            amount: amount.amount.toString(),
          }),
        )
      : E.right(amount)
