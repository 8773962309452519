import { Decimal } from 'decimal.js'

/**
 * JSON for folded domain state: the domain's folds keep `Date`s, `Map`s,
 * `Set`s, `bigint`s and money as `Decimal`s, which plain JSON loses or refuses. Each becomes a
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
  /** Money (kernel/money.ts) holds a `Decimal`; as a plain object it would lose its methods. */
  | { readonly $decimal: string }

export const toRichJson = (value: unknown): unknown => {
  if (value instanceof Date) return { $date: value.toISOString() } satisfies Tagged
  if (value instanceof Map)
    return { $map: [...value].map(([k, v]) => [toRichJson(k), toRichJson(v)] as const) } satisfies Tagged
  if (value instanceof Set) return { $set: [...value].map(toRichJson) } satisfies Tagged
  if (typeof value === 'bigint') return { $bigint: value.toString() } satisfies Tagged
  if (Decimal.isDecimal(value)) return { $decimal: value.toString() } satisfies Tagged
  if (Array.isArray(value)) return value.map(toRichJson)
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [key, field] of Object.entries(value)) if (field !== undefined) out[key] = toRichJson(field)
    return out
  }
  return value
}

/** A tagged value as itself, or `undefined` if `record` is not one of the tags. */
const revived = (record: Record<string, unknown>): unknown => {
  let keys = 0
  for (const _ in record) if (++keys > 1) return undefined
  if (typeof record.$date === 'string') return new Date(record.$date)
  if (Array.isArray(record.$map))
    return new Map((record.$map as [unknown, unknown][]).map(([k, v]) => [fromRichJson(k), fromRichJson(v)]))
  if (Array.isArray(record.$set)) return new Set(record.$set.map(fromRichJson))
  if (typeof record.$bigint === 'string') return BigInt(record.$bigint)
  if (typeof record.$decimal === 'string') return new Decimal(record.$decimal)
  return undefined
}

/**
 * The value `toRichJson` wrote, revived **in place**: `value` must be fresh
 * from `JSON.parse` and held by no one else (every view store hands its
 * documents over so). Reading a sitting's 10,000 documents is on the
 * re-score's path; copying every object and array of them cost as much as parsing.
 */
export const fromRichJson = (value: unknown): unknown => {
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) value[index] = fromRichJson(value[index])
    return value
  }
  const record = value as Record<string, unknown>
  const tagged = revived(record)
  if (tagged !== undefined) return tagged
  for (const key in record) {
    const field = record[key]
    if (field !== null && typeof field === 'object') record[key] = fromRichJson(field)
  }
  return record
}

/** The codec a `ViewDefinition` whose documents are folded domain state uses. */
export const richJsonCodec = <Doc>() => ({
  encode: (doc: Doc): unknown => toRichJson(doc),
  decode: (stored: unknown): Doc => fromRichJson(stored) as Doc,
})
