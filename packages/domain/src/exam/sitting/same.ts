/**
 * Whether two recorded values are the same data, whatever the order of their
 * keys. A stored event comes back with its keys in the store's order
 * (PostgreSQL's jsonb sorts them), so comparing `JSON.stringify` of a stored
 * decision with a repeated command would call a true retry "reused".
 */
export const sameData = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b)

const canonical = (value: unknown): string => JSON.stringify(sorted(value))

const sorted = (value: unknown): unknown => {
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) return value.map(sorted)
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sorted((value as Record<string, unknown>)[key])]),
    )
  return value
}
