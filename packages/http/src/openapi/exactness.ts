import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'

/*
 * Command bodies are strict (issue "Correctness gaps" 2): a member the codec
 * does not declare — a misspelt `timing` — is refused with its path, never
 * silently dropped, because a dropped field can use up an exam id for good
 * with a definition nobody meant. io-ts's `t.type` ignores extra members, so
 * the check walks the codec itself: the same walk `json-schema.ts` does to
 * write `additionalProperties: false` on every object of a request body.
 */

/** The members an object codec declares (through `exact`, `intersection`, `type` and `partial`), if it is one. */
export const declaredProps = (codec: t.Mixed): t.Props | undefined => {
  if (codec instanceof t.ExactType || codec instanceof t.RefinementType || codec instanceof t.ReadonlyType)
    return declaredProps(codec.type)
  if (codec instanceof t.InterfaceType || codec instanceof t.PartialType) return codec.props as t.Props
  if (codec instanceof t.IntersectionType) {
    const parts = (codec.types as t.Mixed[]).map(declaredProps)
    return parts.every((part) => part !== undefined) ? Object.assign({}, ...parts) : undefined
  }
  return undefined
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Every member of `value` its codec does not declare, as `path.key: unknown
 * field`. Nested objects, arrays, records and the member of a union that
 * decodes the value are checked where the codec describes them; a value of
 * the wrong shape is the decoder's problem, not this one's.
 */
export const unknownFields = (codec: t.Mixed, value: unknown, path: string): string[] => {
  if (codec instanceof t.ExactType || codec instanceof t.RefinementType || codec instanceof t.ReadonlyType)
    return unknownFields(codec.type as t.Mixed, value, path)
  if (codec instanceof t.ReadonlyArrayType || codec instanceof t.ArrayType)
    return Array.isArray(value)
      ? value.flatMap((item, index) => unknownFields(codec.type as t.Mixed, item, `${path}.${index}`))
      : []
  if (codec instanceof t.UnionType) {
    // The first member that decodes the value is the one the decoder took.
    const taken = (codec.types as t.Mixed[]).find((member) => E.isRight(member.decode(value)))
    return taken === undefined ? [] : unknownFields(taken, value, path)
  }
  if (codec instanceof t.DictionaryType)
    return isObject(value)
      ? Object.entries(value).flatMap(([key, member]) =>
          unknownFields(codec.codomain as t.Mixed, member, `${path}.${key}`),
        )
      : []
  const props = declaredProps(codec)
  if (props === undefined || !isObject(value)) return []
  return Object.entries(value).flatMap(([key, member]) =>
    Object.hasOwn(props, key)
      ? unknownFields(props[key] as t.Mixed, member, `${path}.${key}`)
      : [`${path}.${key}: unknown field`],
  )
}
