import * as t from 'io-ts'

/**
 * A string codec that first normalises its input (trim, upper-case, strip
 * spaces…) and then checks it; `explain` says what a valid value looks like.
 * Normalisation must be idempotent so decoding an encoded value is a no-op.
 */
export const normalisedString = <B extends string>(
  name: B,
  normalise: (raw: string) => string | undefined,
  explain: string,
) => {
  type Branded = string & t.Brand<{ readonly [K in B]: symbol }>
  const is = (u: unknown): u is Branded => typeof u === 'string' && normalise(u) === u
  return new t.Type<Branded, string, unknown>(
    name,
    is,
    (input, context) => {
      if (typeof input !== 'string')
        return t.failure(input, context, `${explain}; got ${JSON.stringify(input)}`)
      const normalised = normalise(input)
      return normalised === undefined
        ? t.failure(input, context, `${explain}; got "${input}"`)
        : t.success(normalised as Branded)
    },
    (value) => value,
  )
}
