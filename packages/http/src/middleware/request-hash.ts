import { createHmac } from 'node:crypto'
import { REQUEST_HASH_SCHEME } from '@imtahan/adapters'
import { jsonNestsDeeperThan, MAX_JSON_DEPTH } from '../openapi/input-safety.js'

/**
 * Body fields that hold a secret: never part of a request hash, and an
 * outcome that repeats one of their values is not stored.
 */
export const SECRET_FIELDS: ReadonlySet<string> = new Set([
  'password',
  'currentPassword',
  'newPassword',
  'code',
  'token',
  'registrationToken',
])

/** Shorter values would match innocent text in an outcome; no accepted secret is that short. */
const MIN_SECRET_LENGTH = 4

type Parsed = { readonly redacted: unknown; readonly secrets: readonly string[] }

const strip = (value: unknown, secrets: string[], depth: number): unknown => {
  if (value === null || typeof value !== 'object' || depth > MAX_JSON_DEPTH) return value
  if (Array.isArray(value)) return value.map((item) => strip(item, secrets, depth + 1))
  const out: Record<string, unknown> = {}
  for (const [key, inner] of Object.entries(value)) {
    if (SECRET_FIELDS.has(key)) collect(inner, secrets, depth + 1)
    else out[key] = strip(inner, secrets, depth + 1)
  }
  return out
}

/** Every string (and the JSON of every other value) under a secret field: what an outcome must not repeat. */
const collect = (value: unknown, secrets: string[], depth: number): void => {
  if (typeof value === 'string') secrets.push(value)
  else if (value !== null && typeof value === 'object' && depth <= MAX_JSON_DEPTH)
    for (const inner of Object.values(value)) collect(inner, secrets, depth + 1)
  if (typeof value !== 'string') secrets.push(JSON.stringify(value))
}

/** The body without its secret fields, or `undefined` when it is not JSON the edge would accept. */
const parse = (text: string): Parsed | undefined => {
  if (jsonNestsDeeperThan(text, MAX_JSON_DEPTH)) return undefined
  try {
    const secrets: string[] = []
    return { redacted: strip(JSON.parse(text), secrets, 0), secrets }
  } catch {
    return undefined
  }
}

export type RequestFingerprint = {
  /** `REQUEST_HASH_SCHEME` + HMAC-SHA-256 (key from the server secret) of method, path, principal and body without secrets. */
  readonly hash: string
  /** Whether an outcome may be stored: false when it repeats a secret value of the request. */
  readonly mayStore: (outcomeBody: string) => boolean
}

/**
 * WAL-7's request hash, safe to keep in a table: keyed (no one without the
 * server secret can test a guess against it) and over the request with
 * secret fields removed (even with the key, it says nothing about the
 * password). A body that is not JSON is hashed as text, still keyed; the edge
 * refuses it anyway.
 */
export const fingerprintRequest = (
  key: Buffer,
  method: string,
  path: string,
  principal: string,
  body: string,
): RequestFingerprint => {
  const parsed = parse(body)
  const canonical = parsed === undefined ? ['text', body] : ['json', parsed.redacted]
  const hash =
    REQUEST_HASH_SCHEME +
    createHmac('sha256', key)
      .update(JSON.stringify([method, path, principal, ...canonical]))
      .digest('hex')
  const secrets = (parsed?.secrets ?? [])
    .filter((secret) => secret.length >= MIN_SECRET_LENGTH)
    .flatMap((secret) => [secret, JSON.stringify(secret).slice(1, -1)])
  return { hash, mayStore: (outcome) => !secrets.some((secret) => outcome.includes(secret)) }
}
