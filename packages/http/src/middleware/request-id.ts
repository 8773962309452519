import { randomUUID } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../context.js'

const ACCEPTED = /^[A-Za-z0-9._:-]{1,128}$/

/** `X-Request-Id` in (if it is a sane token) or a new UUID, echoed out and carried to the facade as correlation id. */
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
