import { sqlState } from './sql/client.js'

/**
 * SQLSTATEs that mean "the database is not there right now", not "your
 * statement is wrong": connection exceptions (class 08), the server shutting
 * down or killing the session (57P01 admin shutdown, 57P02 crash, 57P03 not
 * yet accepting connections) and too many connections (53300).
 */
const UNAVAILABLE_STATE = /^(08...|57P0[123]|53300)$/
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
])
/** `pg` reports a connection that died under a query, or a pool that could not connect, without a code. */
const DRIVER_MESSAGES =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/
/** EventStoreDB's client names its "cannot reach the server" errors. */
const UNAVAILABLE_NAMES = new Set(['UnavailableError', 'DeadlineExceededError'])

const MAX_CAUSES = 5

/**
 * Whether `error` says the event store (or the database beside it) could not
 * be reached or dropped the connection mid-statement, through any `cause`
 * chain. Such a failure is passing: the caller should answer "try again"
 * (HTTP 503). Nothing is half-written — every append is one statement, so it
 * committed whole or not at all — but the caller cannot tell which, so a
 * retry must be idempotent (same Idempotency-Key, derived event ids).
 */
export const isStoreUnavailable = (error: unknown): boolean => {
  let current: unknown = error
  for (let depth = 0; depth < MAX_CAUSES && current instanceof Error; depth++) {
    const state = sqlState(current)
    if (state !== undefined && (UNAVAILABLE_STATE.test(state) || NETWORK_CODES.has(state))) return true
    if (DRIVER_MESSAGES.test(current.message) || UNAVAILABLE_NAMES.has(current.name)) return true
    current = current.cause
  }
  return false
}
