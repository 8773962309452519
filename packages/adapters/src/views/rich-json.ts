/**
 * JSON for folded domain state: the domain's folds keep `Date`s, `Map`s,
 * `Set`s and `bigint`s, which plain JSON loses or refuses. Each becomes a
 * one-key tagged object and comes back as itself, so a persisted view can
 * store exactly what the domain's own fold returns — no second,
 * JSON-shaped copy of the fold to keep in step. `undefined` fields are
 * dropped, which a `T | undefined` field reads back the same.
 */
type Tagged =
  | { readonly $date: string }
  | { readonly $map: readonly (readonly [unknown, unknown])[] }
  | { readonly $set: readonly unknown[] }
  | { readonly $bigint: string }

export const toRichJson = (value: unknown): unknown => {
  if (value instanceof Date) return { $date: value.toISOString() } satisfies Tagged
  if (value instanceof Map)
    return { $map: [...value].map(([k, v]) => [toRichJson(k), toRichJson(v)] as const) } satisfies Tagged
  if (value instanceof Set) return { $set: [...value].map(toRichJson) } satisfies Tagged
  if (typeof value === 'bigint') return { $bigint: value.toString() } satisfies Tagged
  if (Array.isArray(value)) return value.map(toRichJson)
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [key, field] of Object.entries(value)) if (field !== undefined) out[key] = toRichJson(field)
    return out
  }
  return value
}

export const fromRichJson = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(fromRichJson)
  if (value === null || typeof value !== 'object') return value
  const record = value as Record<string, unknown>
  const keys = Object.keys(record)
  if (keys.length === 1) {
    if (typeof record.$date === 'string') return new Date(record.$date)
    if (Array.isArray(record.$map))
      return new Map(
        (record.$map as [unknown, unknown][]).map(([k, v]) => [fromRichJson(k), fromRichJson(v)]),
      )
    if (Array.isArray(record.$set)) return new Set(record.$set.map(fromRichJson))
    if (typeof record.$bigint === 'string') return BigInt(record.$bigint)
  }
  const out: Record<string, unknown> = {}
  for (const key of keys) out[key] = fromRichJson(record[key])
  return out
}

/** The codec a `ViewDefinition` whose documents are folded domain state uses. */
export const richJsonCodec = <Doc>() => ({
  encode: (doc: Doc): unknown => toRichJson(doc),
  decode: (stored: unknown): Doc => fromRichJson(stored) as Doc,
})
