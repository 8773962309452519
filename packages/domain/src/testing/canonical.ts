/**
 * A canonical text of a value for comparing events: object keys sorted,
 * `Date` as its ISO instant, `bigint` as `123n`, a `Decimal` (money) as its
 * digits, `undefined` members left out (as when an event is stored).
 */
export const canonical = (value: unknown): string => JSON.stringify(plain(value), null, 2)

const isDecimal = (value: object): value is { toFixed(): string } =>
  'toFixed' in value && 'isZero' in value && typeof (value as { toFixed: unknown }).toFixed === 'function'

const plain = (value: unknown): unknown => {
  if (typeof value === 'bigint') return `${value}n`
  if (value === null || typeof value !== 'object') return value
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString()
  if (isDecimal(value)) return `Decimal(${value.toFixed()})`
  if (Array.isArray(value)) return value.map(plain)
  if (value instanceof Map) return { Map: [...value.entries()].map(([k, v]) => [plain(k), plain(v)]) }
  if (value instanceof Set) return { Set: [...value].map(plain) }
  const entries = Object.entries(value)
    .filter(([, member]) => member !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return Object.fromEntries(entries.map(([key, member]) => [key, plain(member)]))
}
