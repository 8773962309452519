import {
  type Clock,
  type IdempotencyKey,
  type IdempotencyPolicy,
  type IdempotencyStore,
  isStoreUnavailable,
  keepIdempotencyKeyAlive,
  MAX_IDEMPOTENCY_KEY_LENGTH,
  type StoredOutcome,
} from '@imtahan/adapters'
import type { MiddlewareHandler } from 'hono'
import { type AppContext, type AppEnv, principalName } from '../context.js'
import { refuse } from './errors.js'
import { fingerprintRequest } from './request-hash.js'

/** Visible ASCII, as RFC 8941 strings allow: a key is an opaque token, never text with newlines. */
const KEY_PATTERN = /^[\x21-\x7e]+$/
/** Headers worth replaying: the rest (request id, date) belong to the repeat itself. */
const REPLAYED_HEADERS = ['content-type', 'location', 'retry-after']

const outcomeOf = async (response: Response): Promise<StoredOutcome> => ({
  status: response.status,
  headers: Object.fromEntries(
    REPLAYED_HEADERS.flatMap((name) => {
      const value = response.headers.get(name)
      return value === null ? [] : [[name, value]]
    }),
  ),
  body: await response.clone().text(),
})

const keyOf = (c: AppContext): string | undefined => {
  const key = c.req.header('idempotency-key')
  if (key === undefined) return undefined
  if (key.length > MAX_IDEMPOTENCY_KEY_LENGTH || !KEY_PATTERN.test(key))
    refuse(
      'validation.invalid_idempotency_key',
      `An Idempotency-Key is 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} visible ASCII characters, e.g. a UUID.`,
    )
  return key
}

const LET_GO_TRIES = 3
const LET_GO_PAUSE_MS = 25

/**
 * Frees the key of a request that failed (5xx), so its retry may run. When
 * the failure was the database dropping our connections, the pool can still
 * hold connections killed with it that it has not noticed yet, and the first
 * try meets one: after a pause (time for the pool to see them die) it tries
 * again. If the key cannot be freed, its lease frees it later (a retry gets
 * 409 until then) and the failure's own answer stands.
 */
const letGo = async (store: IdempotencyStore, key: IdempotencyKey, hash: string, c: AppContext) => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await store.abandon(key, hash)
    } catch (error) {
      if (!isStoreUnavailable(error) || attempt >= LET_GO_TRIES) {
        c.get('logger')?.warn(
          { requestId: c.get('requestId'), failure: error instanceof Error ? error.name : typeof error },
          'could not free the Idempotency-Key of a failed request; its lease will',
        )
        return
      }
      await new Promise((resolve) => setTimeout(resolve, LET_GO_PAUSE_MS * attempt))
    }
  }
}

/**
 * WAL-7 on one route. The first outcome below 500 — success or domain
 * refusal — is stored with a keyed hash of method, path, principal and body
 * without its secret fields (request-hash.ts); a
 * repeat with the same key and request gets it back with
 * `Idempotent-Replayed: true`; another request with the key gets 422; a
 * repeat while the first runs gets 409. A 500 is not stored: the request
 * may be retried with the same key. The key also reaches the facade
 * (`call.idempotencyKey`), whose event ids derive from it, so even a retry
 * after the store of keys failed cannot move money twice.
 */
export const idempotent =
  (
    store: IdempotencyStore,
    clock: Clock,
    hashKey: Buffer,
    options: { readonly policy: IdempotencyPolicy; readonly onReplay?: () => void },
  ): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const key = keyOf(c)
    if (key === undefined) return next()
    c.set('idempotencyKey', key)
    const scoped: IdempotencyKey = { scope: principalName(c.get('principal')), key }
    const request = fingerprintRequest(
      hashKey,
      c.req.method,
      c.req.path,
      principalName(c.get('principal')),
      await c.req.text(),
    )
    const hash = request.hash
    const begun = await store.begin(scoped, hash, clock.now())
    if (begun.kind === 'mismatch')
      return refuse(
        'idempotency.key_reused',
        'This Idempotency-Key was already used for a different request.',
      )
    if (begun.kind === 'in_progress')
      return refuse(
        'idempotency.in_progress',
        'A request with this Idempotency-Key is still running; retry shortly.',
        {
          retryAfterSeconds: 1,
        },
      )
    if (begun.kind === 'replay') {
      options.onReplay?.()
      const { status, headers, body } = begun.outcome
      return new Response(body, { status, headers: { ...headers, 'idempotent-replayed': 'true' } })
    }
    // While the request runs its record is renewed, so the key of a process that dies is free
    // `leaseSeconds` after its last beat, and a live request however slow keeps it.
    const alive = keepIdempotencyKeyAlive(store, scoped, hash, clock, options.policy)
    try {
      try {
        await next()
      } catch (error) {
        await letGo(store, scoped, hash, c)
        throw error
      }
      const outcome = c.res.status >= 500 ? undefined : await outcomeOf(c.res)
      // An answer that repeats a secret of the request (an edge 400 quoting a value) is not kept: a retry reruns it.
      if (outcome === undefined || !request.mayStore(outcome.body)) await letGo(store, scoped, hash, c)
      else await store.complete(scoped, hash, outcome, clock.now())
    } finally {
      alive.stop()
    }
  }
