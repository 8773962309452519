import * as t from 'io-ts'

/** A JSON Schema (2020-12, the dialect of OpenAPI 3.1), kept loose on purpose. */
export type JsonSchema = { readonly [key: string]: unknown }

/**
 * Schemas for codecs io-ts cannot describe by its own structure (custom
 * `t.Type`s such as Money or Instant). Registered next to the codec, so the
 * OpenAPI document never drifts from what the edge actually accepts.
 */
const described = new WeakMap<t.Mixed, JsonSchema>()

export const describeCodec = <C extends t.Mixed>(codec: C, schema: JsonSchema): C => {
  described.set(codec, schema)
  return codec
}

/**
 * Schemas for custom codecs the caller knows but cannot register (a codec
 * that is not exported, such as a domain event's inner field type): asked
 * only when no schema is registered, before giving up.
 */
export type CustomSchemas = (codec: t.Mixed) => JsonSchema | undefined

/**
 * How a schema is written. `closed`: every object the codec declares gets
 * `additionalProperties: false`, as the edge refuses undeclared members of a
 * request body at every depth (`exactness.ts`). Without it, only exact codecs
 * (`t.exact`, which drop undeclared members when encoding) are closed.
 */
export type SchemaOptions = { readonly custom?: CustomSchemas; readonly closed?: boolean }

/** Walks an io-ts codec and writes the JSON Schema of what it accepts. */
export const toJsonSchema = (codec: t.Mixed, custom?: CustomSchemas | SchemaOptions): JsonSchema => {
  const options: SchemaOptions = typeof custom === 'function' ? { custom } : (custom ?? {})
  const walk = (inner: t.Mixed) => toJsonSchema(inner, options)
  const known = described.get(codec) ?? options.custom?.(codec)
  if (known !== undefined) return known
  const closed = (schema: JsonSchema): JsonSchema =>
    options.closed === true && schema.type === 'object' && schema.properties !== undefined
      ? { ...schema, additionalProperties: false }
      : schema
  if (codec instanceof t.ExactType) {
    const schema = walk(codec.type as t.Mixed)
    return schema.type === 'object' ? { ...schema, additionalProperties: false } : schema
  }
  if (codec instanceof t.InterfaceType)
    return closed(objectSchema(codec.props, Object.keys(codec.props), walk))
  if (codec instanceof t.PartialType) return closed(objectSchema(codec.props, [], walk))
  if (codec instanceof t.IntersectionType) return mergeObjects(codec.types.map(walk))
  if (codec instanceof t.UnionType) {
    // `x | undefined` is how an optional member is typed; in JSON it is simply absent.
    const types = codec.types.filter((type: t.Mixed) => !(type instanceof t.UndefinedType))
    if (types.length === 1) return walk(types[0])
    const literals = types.filter((type: t.Mixed) => type instanceof t.LiteralType)
    if (literals.length === types.length)
      return { enum: literals.map((type: t.LiteralType<string>) => type.value) }
    return { oneOf: types.map(walk) }
  }
  if (codec instanceof t.LiteralType) return { const: codec.value }
  if (codec instanceof t.KeyofType) return { enum: Object.keys(codec.keys) }
  if (codec instanceof t.ArrayType || codec instanceof t.ReadonlyArrayType)
    return { type: 'array', items: walk(codec.type) }
  if (codec instanceof t.ReadonlyType) return walk(codec.type)
  if (codec instanceof t.RefinementType) return walk(codec.type)
  if (codec instanceof t.DictionaryType) return { type: 'object', additionalProperties: walk(codec.codomain) }
  if (codec instanceof t.StringType) return { type: 'string' }
  if (codec instanceof t.NumberType) return { type: 'number' }
  if (codec instanceof t.BooleanType) return { type: 'boolean' }
  if (codec instanceof t.NullType) return { type: 'null' }
  if (codec instanceof t.UnknownType) return {}
  if (codec instanceof t.AnyDictionaryType) return { type: 'object' }
  throw new Error(`No JSON Schema for codec ${codec.name}: register one with describeCodec`)
}

const objectSchema = (
  props: t.Props,
  required: readonly string[],
  walk: (codec: t.Mixed) => JsonSchema,
): JsonSchema => ({
  type: 'object',
  properties: Object.fromEntries(Object.entries(props).map(([key, type]) => [key, walk(type)])),
  ...(required.length > 0 ? { required } : {}),
})

const mergeObjects = (schemas: readonly JsonSchema[]): JsonSchema => {
  if (!schemas.every((schema) => schema.type === 'object')) return { allOf: schemas }
  return {
    type: 'object',
    properties: Object.assign({}, ...schemas.map((schema) => schema.properties)),
    required: schemas.flatMap((schema) => (schema.required as string[] | undefined) ?? []),
    // Closed only when every part is: an open part accepts what the others do not declare.
    ...(schemas.every((schema) => schema.additionalProperties === false)
      ? { additionalProperties: false }
      : {}),
  }
}
