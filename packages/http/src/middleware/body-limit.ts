import { domainError } from '@imtahan/domain'
import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { AppEnv } from '../context.js'
import { problemResponse } from './errors.js'

export const DEFAULT_BODY_LIMIT_BYTES = 64 * 1024

/** Refuses a body over the limit with a 413 problem, before anything reads it. */
export const limitBody = (maxBytes: number): MiddlewareHandler<AppEnv> =>
  bodyLimit({
    maxSize: maxBytes,
    onError: (c) =>
      problemResponse(
        c,
        domainError('http.body_too_large', `The request body is larger than ${maxBytes} bytes.`, {
          maxBytes,
        }),
      ),
  }) as MiddlewareHandler<AppEnv>
