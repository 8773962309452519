import type { LeaseHolder } from '@imtahan/adapters'
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'

/** What the `/metrics` gauges read when scraped; each is optional (a store may have no leases). */
export type MetricSources = {
  /** Events each projection or runner is behind the head of the log. */
  readonly lags?: () => Promise<Readonly<Record<string, number>>>
  /** Who holds which lease now (runner/lease.ts `holders()`). */
  readonly holders?: () => Promise<readonly LeaseHolder[]>
}

/**
 * The process's Prometheus metrics, on a registry of its own (never the
 * global one), so several apps in one test process do not collide. Labels
 * are route *patterns*, statuses, outcomes, projection and lease names and
 * instance ids only: never anything from a URL, body or header, so no FIN,
 * phone, document or cabinet number or token can reach a scrape.
 */
export const createMetrics = () => {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: 'imtahan_' })
  const sources: { current: MetricSources } = { current: {} }
  const metrics = {
    registry,
    requests: new Counter({
      name: 'imtahan_http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status',
      labelNames: ['method', 'route', 'status'] as const,
      registers: [registry],
    }),
    latency: new Histogram({
      name: 'imtahan_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by method and route pattern',
      labelNames: ['method', 'route'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    appendLatency: new Histogram({
      name: 'imtahan_event_store_append_duration_seconds',
      help: 'Time to append to a stream, by outcome (ok, conflict, error)',
      labelNames: ['outcome'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers: [registry],
    }),
    appendConflicts: new Counter({
      name: 'imtahan_event_store_append_conflicts_total',
      help: 'Appends refused because the stream moved on (optimistic concurrency); the command retries',
      registers: [registry],
    }),
    idempotencyReplays: new Counter({
      name: 'imtahan_idempotency_replays_total',
      help: 'Requests answered from a stored outcome (a repeated Idempotency-Key)',
      registers: [registry],
    }),
    /** Plugs in what the gauges read; the server calls it once its runners and leases exist. */
    observe: (given: MetricSources) => {
      sources.current = given
    },
  }
  new Gauge({
    name: 'imtahan_projection_lag_events',
    help: 'Events a projection or runner is behind the head of the log',
    labelNames: ['projection'] as const,
    registers: [registry],
    async collect() {
      this.reset()
      const lags: Readonly<Record<string, number>> | undefined = await sources.current
        .lags?.()
        .catch(() => ({}))
      for (const [projection, lag] of Object.entries(lags ?? {})) this.set({ projection }, lag)
    },
  })
  new Gauge({
    name: 'imtahan_lease_holders',
    help: 'Holders of each lease (1 is right; 0 means nobody runs it, more is a bug)',
    labelNames: ['lease', 'instance'] as const,
    registers: [registry],
    async collect() {
      this.reset()
      const holders = await sources.current.holders?.().catch(() => [])
      for (const { name, instanceId } of holders ?? []) this.inc({ lease: name, instance: instanceId })
    },
  })
  return metrics
}

export type Metrics = ReturnType<typeof createMetrics>
