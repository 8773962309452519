import type { Logger } from '@imtahan/adapters'
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../context.js'

/**
 * One line per request: id, method, route *pattern*, status, latency. Never
 * the raw path, query, headers or body — they can carry a FIN, a phone or a
 * token (SPEC §5).
 */
export const requestLogging =
  (logger: Logger): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
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
      if (status >= 500) logger.error(line, 'request')
      else logger.info(line, 'request')
    }
  }
