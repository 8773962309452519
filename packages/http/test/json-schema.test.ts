import { MoneyFromString } from '@imtahan/domain'
import * as t from 'io-ts'
import { describe, expect, it } from 'vitest'
import { describeCodec, toJsonSchema } from '../src/openapi/json-schema.js'

describe('OpenAPI schemas come from the same io-ts codecs the edge decodes with', () => {
  it('an object with required and optional fields lists only the required ones as required', () => {
    const Body = t.intersection([t.type({ fin: t.string, amount: t.number }), t.partial({ email: t.string })])
    expect(toJsonSchema(Body)).toEqual({
      type: 'object',
      properties: { fin: { type: 'string' }, amount: { type: 'number' }, email: { type: 'string' } },
      required: ['fin', 'amount'],
    })
  })

  it('a union of literals becomes an enum and arrays describe their items', () => {
    const Direction = t.union([t.literal('in'), t.literal('out')])
    expect(toJsonSchema(t.array(Direction))).toEqual({ type: 'array', items: { enum: ['in', 'out'] } })
  })

  it('a custom codec uses the schema registered for it', () => {
    const Amount = describeCodec(MoneyFromString, { type: 'string', pattern: '^\\d+(\\.\\d{1,2})?$' })
    expect(toJsonSchema(t.type({ amount: Amount }))).toEqual({
      type: 'object',
      properties: { amount: { type: 'string', pattern: '^\\d+(\\.\\d{1,2})?$' } },
      required: ['amount'],
    })
  })

  it('a custom codec without a registered schema is a programming error, not a silent {}', () => {
    const Opaque = new t.Type<string, string, unknown>(
      'Opaque',
      t.string.is,
      (u, c) => t.string.validate(u, c),
      (a) => a,
    )
    expect(() => toJsonSchema(Opaque)).toThrow(/Opaque/)
  })
})
