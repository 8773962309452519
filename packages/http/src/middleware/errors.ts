import { isStoreUnavailable } from '@imtahan/adapters'
import { type DomainError, domainError, type ErrorCode } from '@imtahan/domain'
import type { Context, ErrorHandler, NotFoundHandler } from 'hono'
import type { AppEnv } from '../context.js'
import { PROBLEM_TYPE_BASE, problemOf } from '../problem.js'

export const PROBLEM_JSON = 'application/problem+json'

/** A refusal raised by middleware (auth, idempotency, parsing), turned into a problem by `onError`. */
export class ProblemError extends Error {
  constructor(readonly error: DomainError) {
    super(error.code)
    this.name = 'ProblemError'
  }
}

export const refuse = (code: ErrorCode, message: string, details?: Record<string, unknown>): never => {
  throw new ProblemError(domainError(code, message, details))
}

/**
 * RFC 9457 response for a domain error. A refusal that carries
 * `retryAfterSeconds` (lockout) or `retryAt` (resend too soon) says so in `Retry-After`;
 * an unauthenticated one says how to authenticate.
 */
export const problemResponse = (c: Context<AppEnv>, error: DomainError): Response => {
  const problem = problemOf(error, c.req.path)
  const headers: Record<string, string> = { 'content-type': PROBLEM_JSON }
  const retryAfter = error.details?.retryAfterSeconds
  const retryAt = error.details?.retryAt
  if (typeof retryAfter === 'number') headers['retry-after'] = String(Math.max(1, Math.ceil(retryAfter)))
  else if (typeof retryAt === 'string') headers['retry-after'] = new Date(retryAt).toUTCString()
  if (problem.status === 401) headers['www-authenticate'] = 'Bearer'
  return new Response(JSON.stringify(problem), { status: problem.status, headers })
}

/** What an infrastructure failure looks like from outside: no stack, no message, no internals. */
const internalProblem = (c: Context<AppEnv>) =>
  new Response(
    JSON.stringify({
      type: `${PROBLEM_TYPE_BASE}http.internal`,
      title: 'Internal error',
      status: 500,
      detail: 'Something went wrong on our side; nothing you sent was at fault. Try again later.',
      code: 'http.internal',
      requestId: c.get('requestId'),
    }),
    { status: 500, headers: { 'content-type': PROBLEM_JSON } },
  )

/** Seconds a client should wait before retrying when the store was unreachable. */
const RETRY_UNAVAILABLE_AFTER_SECONDS = 2

/**
 * The store could not be reached or dropped the connection mid-request: a
 * passing failure, so 503 with `Retry-After`. Whether a write landed is
 * unknown to us too; a retry with the same Idempotency-Key is safe (WAL-7).
 */
const unavailableProblem = (c: Context<AppEnv>) =>
  new Response(
    JSON.stringify({
      type: `${PROBLEM_TYPE_BASE}http.unavailable`,
      title: 'Unavailable',
      status: 503,
      detail:
        'The service could not reach its database just now. Try again shortly; repeat a money-moving request with the same Idempotency-Key.',
      code: 'http.unavailable',
      requestId: c.get('requestId'),
    }),
    {
      status: 503,
      headers: { 'content-type': PROBLEM_JSON, 'retry-after': String(RETRY_UNAVAILABLE_AFTER_SECONDS) },
    },
  )

const sqlStateOf = (error: Error): unknown => ('code' in error ? error.code : undefined)

export const onError: ErrorHandler<AppEnv> = (error, c) => {
  if (error instanceof ProblemError) return problemResponse(c, error.error)
  // Name, message and SQLSTATE for the operator; never request data, which may be personal.
  const logger = c.get('logger')
  const failure =
    error instanceof Error ? { name: error.name, message: error.message, code: sqlStateOf(error) } : {}
  const where = { requestId: c.get('requestId'), route: c.get('route'), failure }
  if (isStoreUnavailable(error)) {
    logger?.error(where, 'request failed: store unavailable')
    return unavailableProblem(c)
  }
  logger?.error(where, 'request failed')
  return internalProblem(c)
}

export const notFound: NotFoundHandler<AppEnv> = (c) =>
  problemResponse(
    c,
    domainError('http.not_found', `There is no ${c.req.method} ${c.req.path} here; see /docs.`),
  )
