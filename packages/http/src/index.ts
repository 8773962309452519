export {
  type AppOptions,
  createApp,
  DEFAULT_SESSION_TTL_SECONDS,
  type ImtahanHttp,
} from './app.js'
export { createCountedSignInThrottle, longestMemorySeconds } from './auth/counted-throttle.js'
export type { SignInThrottle } from './auth/lockout.js'
export type { AppEnv } from './context.js'
export { API_KEY_ROLES, type ApiKeyRole, type ApiKeys } from './middleware/auth.js'
export * from './openapi/json-schema.js'
export type { RouteDoc } from './openapi/route.js'
export { createMetrics, type MetricSources, type Metrics } from './operator/metrics.js'
export { DEFAULT_MAX_LAG, type Readiness } from './operator/routes.js'
export { instrumentEventStore } from './operator/store-metrics.js'
export * from './problem.js'
export { deriveKey } from './secrets.js'
