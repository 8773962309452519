import type { Logger } from '@imtahan/adapters'
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../context.js'

/**
 * One line per request: id, method, route *pattern*, status, latency. Never
 * the raw path, query, headers or body — they can carry a FIN, a phone or a
 * token (SPEC §5).
 *
 * The line is built here from those five fields only, none of them a
 * personal-data key, so it goes out through a child logger without the
 * key-based redaction: redaction's wildcard paths cost ~27 µs a line against
 * under 1 µs without, about 7 % of an answer submission's CPU
 * (docs/decisions.md, Answer load). Everything else — `c.get('logger')` in
 * routes and error handlers — keeps the redacting logger.
 */
export const requestLogging = (logger: Logger): MiddlewareHandler<AppEnv> => {
  const lines = logger.child({}, { redact: [] })
  return async (c, next) => {
    const started = performance.now()
    c.set('logger', logger)
    try {
      await next()
    } finally {
      const status = c.res.status
      const line = {
        requestId: c.get('requestId'),
        method: c.req.method,
        route: c.get('route'),
        status,
        ms: Math.round((performance.now() - started) * 10) / 10,
      }
      if (status >= 500) lines.error(line, 'request')
      else lines.info(line, 'request')
    }
  }
}
