import { domainError } from '@imtahan/domain'
import type { Context, MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { AppEnv } from '../context.js'
import { problemResponse } from './errors.js'

export const DEFAULT_BODY_LIMIT_BYTES = 64 * 1024

const DIGITS = /^\d+$/

/**
 * Refuses a body over the limit with a 413 problem, before anything reads it.
 *
 * A request that states its length (`Content-Length`, no `Transfer-Encoding`;
 * Node's parser holds the body to that length) is judged by the header alone.
 * Only a body of unknown length is counted as it streams in (Hono's
 * `bodyLimit`). The header path matters for speed: touching `req.raw.body`
 * makes `@hono/node-server` build a full web `Request` with a stream around
 * the socket, where otherwise the route reads the body straight off it — a
 * tenth of the CPU an answer submission costs (docs/decisions.md, Answer load).
 */
export const limitBody = (maxBytes: number): MiddlewareHandler<AppEnv> => {
  const tooLarge = (c: Context<AppEnv>) =>
    problemResponse(
      c,
      domainError('http.body_too_large', `The request body is larger than ${maxBytes} bytes.`, { maxBytes }),
    )
  const counted = bodyLimit({ maxSize: maxBytes, onError: tooLarge }) as MiddlewareHandler<AppEnv>
  return async (c, next) => {
    const method = c.req.method
    if (method === 'GET' || method === 'HEAD') return next()
    const length = c.req.header('content-length')
    if (length !== undefined && DIGITS.test(length) && c.req.header('transfer-encoding') === undefined)
      return Number(length) > maxBytes ? tooLarge(c) : next()
    return counted(c, next)
  }
}
