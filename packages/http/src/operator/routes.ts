import type { Hono, MiddlewareHandler } from 'hono'
import type { AppEnv } from '../context.js'
import type { Metrics } from './metrics.js'

/** What `/health/ready` asks; without it the app is ready whenever it answers. */
export type Readiness = {
  /** Resolves when the store answers a cheap query; rejects (or times out) otherwise. */
  readonly ping: () => Promise<void>
  /** Events each projection or runner is behind the head of the log. */
  readonly lags?: () => Promise<Readonly<Record<string, number>>>
  /** The most events any projection may be behind while the process counts as ready. */
  readonly maxLag: number
}

export const DEFAULT_MAX_LAG = 1000
/** A store that does not answer within this is as good as down for a load balancer. */
const PING_TIMEOUT_MS = 2000

const withTimeout = <T>(promise: Promise<T>, ms: number): Promise<T> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out')), ms)
    promise.then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      (error) => {
        clearTimeout(timer)
        reject(error)
      },
    )
  })

/** Counts and times every request by its route pattern (set by the route table; `unmatched` for a 404). */
export const measureRequests =
  (metrics: Metrics): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const stop = metrics.latency.startTimer()
    try {
      await next()
    } finally {
      const labels = { method: c.req.method, route: c.get('route') }
      stop(labels)
      metrics.requests.inc({ ...labels, status: String(c.res.status) })
    }
  }

/**
 * Operator endpoints, outside the API document (docs/operators.md): liveness
 * says the process answers; readiness that it can serve correct answers now
 * (the store answers, no projection too far behind); metrics for Prometheus.
 */
export const operatorRoutes = (
  app: Hono<AppEnv>,
  named: (path: string) => MiddlewareHandler<AppEnv>,
  metrics: Metrics,
  readiness: Readiness | undefined,
) => {
  app.get('/health/live', named('/health/live'), (c) => c.json({ status: 'live' }))
  app.get('/health/ready', named('/health/ready'), async (c) => {
    if (readiness === undefined) return c.json({ status: 'ready' })
    try {
      await withTimeout(readiness.ping(), PING_TIMEOUT_MS)
    } catch {
      return c.json({ status: 'unready', reason: 'store does not answer' }, 503)
    }
    const lags: Readonly<Record<string, number>> | undefined = await withTimeout(
      readiness.lags?.() ?? Promise.resolve({}),
      PING_TIMEOUT_MS,
    ).catch(() => undefined)
    if (lags === undefined) return c.json({ status: 'unready', reason: 'projection lag unknown' }, 503)
    const behind = Object.entries(lags).filter(([, lag]) => lag > readiness.maxLag)
    return behind.length === 0
      ? c.json({ status: 'ready', lags })
      : c.json({ status: 'unready', reason: 'projections behind', lags, maxLag: readiness.maxLag }, 503)
  })
  app.get('/metrics', named('/metrics'), async (c) =>
    c.body(await metrics.registry.metrics(), 200, { 'content-type': metrics.registry.contentType }),
  )
}
