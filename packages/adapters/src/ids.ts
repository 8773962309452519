import { createHash, randomUUID } from 'node:crypto'

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * The namespace of every id this product derives (event ids, process command
 * ids). A fixed random UUID: changing it would give a retried command new ids
 * and defeat the stores' duplicate checks, so it never changes.
 */
export const IMTAHAN_NAMESPACE = '6b1d3c9e-4f2a-4e87-9a55-2f0c8d1e7b43'

/** Namespaces as bytes: a re-score derives 10,000 ids in one namespace. */
const namespaceBytes = new Map<string, Buffer>()
const bytesOf = (namespace: string): Buffer => {
  let bytes = namespaceBytes.get(namespace)
  if (bytes === undefined) {
    if (!UUID_PATTERN.test(namespace)) throw new TypeError(`namespace must be a UUID, got "${namespace}"`)
    bytes = Buffer.from(namespace.replace(/-/g, ''), 'hex')
    if (namespaceBytes.size < 64) namespaceBytes.set(namespace, bytes)
  }
  return bytes
}

/**
 * RFC 4122 (§4.3) name-based UUID, version 5 (SHA-1). The same namespace and
 * name always give the same id, so a retry after an unknown outcome sends the
 * same event ids and the store answers it instead of writing it twice.
 */
export const deterministicUuid = (namespace: string, name: string): string => {
  const digest = createHash('sha1').update(bytesOf(namespace)).update(name, 'utf8').digest()
  const bytes = digest.subarray(0, 16)
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** A random (version 4) UUID, for events no retry can repeat. */
export const randomId = (): string => randomUUID()
