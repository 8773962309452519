import * as t from 'io-ts'
import { describe, expect, it } from 'vitest'
import { unknownFields } from '../../src/openapi/exactness.js'
import { toJsonSchema } from '../../src/openapi/json-schema.js'

const Task = t.intersection([t.type({ id: t.string }), t.partial({ options: t.readonlyArray(t.string) })])
const Key = t.union([
  t.type({ type: t.literal('closed'), option: t.string }),
  t.type({ type: t.literal('open') }),
])
const Body = t.type({
  tasks: t.readonlyArray(Task),
  key: t.readonly(t.record(t.string, Key)),
  document: t.union([t.type({ kind: t.string }), t.null]),
})

describe('strict bodies: every member a codec does not declare is named, at any depth', () => {
  it('names members of objects, of array items, of record values and of the union member that decodes', () => {
    const body = {
      tasks: [{ id: 'a' }, { id: 'b', points: 2 }],
      key: { a: { type: 'closed', option: 'A', weight: 1 }, b: { type: 'open' } },
      document: { kind: 'id_card', colour: 'blue' },
      extra: true,
    }
    expect(unknownFields(Body, body, 'body').sort()).toEqual([
      'body.document.colour: unknown field',
      'body.extra: unknown field',
      'body.key.a.weight: unknown field',
      'body.tasks.1.points: unknown field',
    ])
  })

  it('a record takes any key, a null union member and a member of the wrong shape are the decoder’s business', () => {
    const body = { tasks: 'none', key: { anything: { type: 'open' } }, document: null }
    expect(unknownFields(Body, body, 'body')).toEqual([])
    // `constructor` is no declared member, whatever Object.prototype holds.
    expect(unknownFields(Body, { ...body, constructor: 1 }, 'body')).toEqual([
      'body.constructor: unknown field',
    ])
  })

  it('the document says the same: request schemas are closed at every object, records stay open to their values', () => {
    // biome-ignore lint/suspicious/noExplicitAny: a test reads the schema's nested members
    const schema = toJsonSchema(Body, { closed: true }) as Record<string, any>
    expect(schema.additionalProperties).toBe(false)
    expect(schema.properties.tasks.items.additionalProperties).toBe(false)
    expect(schema.properties.key.additionalProperties.oneOf[0].additionalProperties).toBe(false)
    expect(schema.properties.document.oneOf[0].additionalProperties).toBe(false)
    // Without `closed`, only exact codecs are.
    expect(toJsonSchema(Body).additionalProperties).toBeUndefined()
    expect(toJsonSchema(t.exact(t.type({ a: t.string }))).additionalProperties).toBe(false)
  })
})
