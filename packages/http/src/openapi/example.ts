import type { JsonSchema } from './json-schema.js'

/*
 * An example built from a schema, for a response that has none of its own:
 * the fields' own examples where the codecs give them (`documented`,
 * `text`), otherwise the first of an enum, a default, a bound. Every object
 * member is shown, optional ones too, so a reader sees the whole shape.
 * `test/openapi/examples.test.ts` decodes each example with the route's
 * codec, so a built example cannot drift from what the server sends.
 */

const STRING_BY_FORMAT: Record<string, string> = {
  'date-time': '2026-06-10T06:00:00.000Z',
  date: '2026-06-10',
  email: 'rashad@example.az',
}

const numberOf = (schema: JsonSchema): number => {
  if (typeof schema.minimum === 'number') return Math.max(schema.minimum, 1)
  if (typeof schema.exclusiveMinimum === 'number') return schema.exclusiveMinimum + 1
  return 1
}

/** An example value that fits `schema`; `undefined` only for a schema that says nothing. */
export const exampleOf = (schema: JsonSchema): unknown => {
  if ('example' in schema) return schema.example
  if ('const' in schema) return schema.const
  if (Array.isArray(schema.enum)) return schema.enum[0]
  if ('default' in schema) return schema.default
  if (Array.isArray(schema.oneOf)) return exampleOf(schema.oneOf[0] as JsonSchema)
  if (Array.isArray(schema.allOf))
    return Object.assign({}, ...(schema.allOf as JsonSchema[]).map((part) => exampleOf(part)))
  switch (schema.type) {
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>
      const members = Object.entries(properties).map(([name, member]) => [name, exampleOf(member)])
      const extra = schema.additionalProperties
      if (members.length === 0 && typeof extra === 'object' && extra !== null)
        return { example: exampleOf(extra as JsonSchema) }
      return Object.fromEntries(members)
    }
    case 'array':
      return schema.items === undefined ? [] : [exampleOf(schema.items as JsonSchema)]
    case 'string':
      return STRING_BY_FORMAT[schema.format as string] ?? 'text'
    case 'integer':
    case 'number':
      return numberOf(schema)
    case 'boolean':
      return true
    case 'null':
      return null
    default:
      return undefined
  }
}
