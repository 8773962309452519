import { randomUUID } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../context.js'

/** A UUID, a ULID or another short token of letters, digits and hyphens: nothing a log or header could misread. */
const ACCEPTED = /^[A-Za-z0-9-]{1,64}$/

/** `X-Request-Id` in (at most 64 letters, digits and hyphens) or a new UUID, echoed out and carried to the facade as correlation id. */
export const requestId: MiddlewareHandler<AppEnv> = async (c, next) => {
  const given = c.req.header('x-request-id')
  const id = given !== undefined && ACCEPTED.test(given) ? given : randomUUID()
  c.set('requestId', id)
  c.set('route', 'unmatched')
  c.set('principal', { kind: 'anonymous' })
  c.set('idempotencyKey', undefined)
  await next()
  c.res.headers.set('x-request-id', id)
}
