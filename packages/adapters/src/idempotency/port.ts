/**
 * WAL-7: the store behind `Idempotency-Key`. The first outcome of a request
 * (success or domain refusal) is kept with a hash of the request; a repeat
 * with the same key is answered from it. Keys are scoped by who sends them
 * (the principal), so two callers cannot collide on a key.
 */

/** What was answered: enough to answer again byte for byte. */
export type StoredOutcome = {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

export type IdempotencyKey = { readonly scope: string; readonly key: string }

/**
 * Every request hash starts with this: a keyed HMAC-SHA-256 over the request
 * with its secret fields removed (http/src/middleware/request-hash.ts).
 * Rows with another hash are from before (an unsalted SHA-256 over the body,
 * password included, recoverable by guessing) and are deleted when the SQL
 * store opens (see `ensureIdempotencyTable`).
 */
export const REQUEST_HASH_SCHEME = 'hmac-sha256-v2:'

export type BeginResult =
  /** First time (or the old record expired, or its owner died): go ahead, then `complete` or `abandon`. */
  | { readonly kind: 'started' }
  | { readonly kind: 'replay'; readonly outcome: StoredOutcome }
  /** The key was used with another request. */
  | { readonly kind: 'mismatch' }
  /** The first request with this key is still running. */
  | { readonly kind: 'in_progress' }

export interface IdempotencyStore {
  begin(key: IdempotencyKey, requestHash: string, now: Date): Promise<BeginResult>
  complete(key: IdempotencyKey, requestHash: string, outcome: StoredOutcome, now: Date): Promise<void>
  /**
   * Renews the lease of a running request's record (`updatedAt` = `now`), so
   * a live request keeps its key however long it runs while a dead one's key
   * is free `leaseSeconds` after its last beat. `false` when the record is no
   * longer running under this request (completed, abandoned, purged).
   */
  heartbeat(key: IdempotencyKey, requestHash: string, now: Date): Promise<boolean>
  /** The request failed without an outcome worth keeping (a 500): a retry may run it again. */
  abandon(key: IdempotencyKey, requestHash: string): Promise<void>
  /** Forgets records created before `before`; returns how many. */
  purge(before: Date): Promise<number>
}

export type IdempotencyPolicy = {
  /** How long an outcome is kept (WAL-7: at least 24 hours). */
  readonly retentionSeconds: number
  /**
   * A running record not renewed for this long is taken to be from a crashed
   * request (its process died), and may be retried.
   */
  readonly leaseSeconds: number
  /** How often a running request renews its record (`keepIdempotencyKeyAlive`); well below `leaseSeconds`. */
  readonly heartbeatSeconds: number
}

/**
 * For callers that do not heartbeat yet: a running record blocks retries for
 * a minute, long enough for any request to finish.
 */
export const DEFAULT_IDEMPOTENCY_POLICY: IdempotencyPolicy = {
  retentionSeconds: 24 * 60 * 60,
  leaseSeconds: 60,
  heartbeatSeconds: 20,
}

/**
 * For callers that heartbeat while the request runs (several processes on
 * one database): the key of a request whose process died is free within
 * seconds, and a live request renews it every 2 s for as long as it runs.
 */
export const HEARTBEAT_IDEMPOTENCY_POLICY: IdempotencyPolicy = {
  retentionSeconds: 24 * 60 * 60,
  leaseSeconds: 6,
  heartbeatSeconds: 2,
}

/** The longest key accepted (WAL-7). */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255

export type IdempotencyRecord = {
  readonly requestHash: string
  readonly outcome: StoredOutcome | undefined
  readonly createdAt: Date
  readonly updatedAt: Date
}

const secondsBetween = (from: Date, to: Date) => (to.getTime() - from.getTime()) / 1000

/**
 * The one judgement both stores make about an existing record, so memory and
 * SQL cannot drift apart. `started` here means "take the record over".
 */
export const judgeExisting = (
  record: IdempotencyRecord,
  requestHash: string,
  now: Date,
  policy: IdempotencyPolicy,
): BeginResult => {
  if (secondsBetween(record.createdAt, now) >= policy.retentionSeconds) return { kind: 'started' }
  if (record.requestHash !== requestHash) return { kind: 'mismatch' }
  if (record.outcome !== undefined) return { kind: 'replay', outcome: record.outcome }
  return secondsBetween(record.updatedAt, now) >= policy.leaseSeconds
    ? { kind: 'started' }
    : { kind: 'in_progress' }
}

const PURGE_INTERVAL_MS = 60 * 60 * 1000

/** Forgets expired keys at most once an hour, in the background of a `begin`, so no timer is needed. */
export const purgeSchedule = (policy: IdempotencyPolicy, purge: (before: Date) => Promise<number>) => {
  let last: number | undefined
  return (now: Date): void => {
    if (last !== undefined && now.getTime() - last < PURGE_INTERVAL_MS) return
    last = now.getTime()
    purge(new Date(now.getTime() - policy.retentionSeconds * 1000)).catch(() => {
      last = undefined
    })
  }
}

/**
 * Renews a running request's record every `heartbeatSeconds` until `stop()`
 * (call it when the request completes or is abandoned). A failed beat is
 * retried at the next one; a `false` answer (the record is no longer ours)
 * ends the beating.
 */
export const keepIdempotencyKeyAlive = (
  store: IdempotencyStore,
  key: IdempotencyKey,
  requestHash: string,
  clock: { now(): Date },
  policy: IdempotencyPolicy,
): { stop(): void } => {
  const timer = setInterval(() => {
    store.heartbeat(key, requestHash, clock.now()).then(
      (ours) => {
        if (!ours) clearInterval(timer)
      },
      () => {},
    )
  }, policy.heartbeatSeconds * 1000)
  // A beating key must never keep the process alive on its own.
  timer.unref()
  return { stop: () => clearInterval(timer) }
}
