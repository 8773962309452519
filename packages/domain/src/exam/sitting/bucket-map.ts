/**
 * A small persistent map for projections over a whole sitting: 256 buckets,
 * so `set` copies one bucket (~n/256 entries) and the bucket array, instead
 * of the whole map. Folding 10,000 sessions stays near-linear and every
 * intermediate view stays valid (no mutation).
 */
const BUCKETS = 256

export type BucketMap<V> = {
  readonly buckets: ReadonlyArray<ReadonlyMap<string, V>>
  readonly size: number
}

const bucketOf = (key: string): number => {
  let hash = 0x811c9dc5
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193)
  return (hash >>> 0) % BUCKETS
}

const EMPTY_BUCKET: ReadonlyMap<string, never> = new Map<string, never>()

export const BucketMap = {
  empty: <V>(): BucketMap<V> => ({ buckets: new Array(BUCKETS).fill(EMPTY_BUCKET), size: 0 }),

  get: <V>(map: BucketMap<V>, key: string): V | undefined => map.buckets[bucketOf(key)]?.get(key),

  set: <V>(map: BucketMap<V>, key: string, value: V): BucketMap<V> => {
    const index = bucketOf(key)
    const bucket = map.buckets[index] ?? EMPTY_BUCKET
    const buckets = [...map.buckets]
    buckets[index] = new Map(bucket).set(key, value)
    return { buckets, size: map.size + (bucket.has(key) ? 0 : 1) }
  },

  values: <V>(map: BucketMap<V>): V[] => map.buckets.flatMap((bucket) => [...bucket.values()]),
} as const
