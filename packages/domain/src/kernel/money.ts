import { Decimal } from 'decimal.js'
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { type DomainError, domainError } from './errors.js'

/**
 * An amount of AZN. Held as a decimal.js value that is always a whole number
 * of qəpik; never a JS number. Plain data (no class) so events stay
 * serialisable through their codecs.
 */
export interface Money {
  readonly _brand: 'Money'
  readonly amount: Decimal
}

const make = (amount: Decimal): Money => ({ _brand: 'Money', amount }) as Money

/** `12`, `12.5`, `12.50`, `0.05` — at most two decimals, dot as separator, no sign, no exponent. */
const MONEY_PATTERN = /^(0|[1-9]\d{0,14})(\.\d{1,2})?$/

export const Money = {
  zero: make(new Decimal(0)),

  /** Parses a non-negative AZN amount written as text. */
  parse: (text: string): E.Either<DomainError, Money> =>
    MONEY_PATTERN.test(text)
      ? E.right(make(new Decimal(text)))
      : E.left(
          domainError(
            'money.invalid_amount',
            `"${text}" is not an amount in manat: use digits with at most 2 decimals after a dot, e.g. 12.50`,
            { input: text },
          ),
        ),

  /** Builds from a whole number of qəpik (for tests and generators). */
  fromQepik: (qepik: bigint): Money => make(new Decimal(qepik.toString()).dividedBy(100)),

  toQepik: (money: Money): bigint => BigInt(money.amount.times(100).toFixed(0)),

  /** Always two decimals: `12.50`. */
  format: (money: Money): string => money.amount.toFixed(2),

  add: (a: Money, b: Money): Money => make(a.amount.plus(b.amount)),
  /** May go below zero: callers that must not allow that check `isNegative`. */
  subtract: (a: Money, b: Money): Money => make(a.amount.minus(b.amount)),
  sum: (amounts: readonly Money[]): Money => amounts.reduce(Money.add, Money.zero),

  compare: (a: Money, b: Money): -1 | 0 | 1 => a.amount.comparedTo(b.amount) as -1 | 0 | 1,
  equals: (a: Money, b: Money): boolean => a.amount.equals(b.amount),
  isZero: (money: Money): boolean => money.amount.isZero(),
  isPositive: (money: Money): boolean => money.amount.greaterThan(0),
  isNegative: (money: Money): boolean => money.amount.isNegative() && !money.amount.isZero(),
  greaterThan: (a: Money, b: Money): boolean => a.amount.greaterThan(b.amount),
} as const

const isMoney = (u: unknown): u is Money =>
  typeof u === 'object' &&
  u !== null &&
  (u as Money)._brand === 'Money' &&
  Decimal.isDecimal((u as Money).amount)

/** Codec for a non-negative amount carried as text, e.g. `"12.50"`. */
export const MoneyFromString = new t.Type<Money, string, unknown>(
  'Money',
  isMoney,
  (input, context) =>
    typeof input === 'string'
      ? E.match(
          (error: DomainError) => t.failure<Money>(input, context, error.message),
          (money: Money) => t.success(money),
        )(Money.parse(input))
      : t.failure(input, context, 'an amount must be a string such as "12.50"'),
  Money.format,
)

/** Codec for an amount that must be greater than zero (transfers, payments). */
export const PositiveMoney = new t.Type<Money, string, unknown>(
  'PositiveMoney',
  (u): u is Money => isMoney(u) && Money.isPositive(u),
  (input, context) =>
    E.chain((money: Money) =>
      Money.isPositive(money)
        ? t.success(money)
        : t.failure<Money>(input, context, 'the amount must be greater than 0.00'),
    )(MoneyFromString.validate(input, context) as t.Validation<Money>),
  Money.format,
)
