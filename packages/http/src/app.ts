import {
  type Clock,
  createMemorySignInSessions,
  DEFAULT_IDEMPOTENCY_POLICY,
  type DevClock,
  type DevSmsSender,
  type EventLog,
  type IdempotencyPolicy,
  type IdempotencyStore,
  type Imtahan,
  type Logger,
  type SignInSessions,
} from '@imtahan/adapters'
import { Hono, type MiddlewareHandler } from 'hono'
import { type ClientAddressOptions, clientAddressOf } from './auth/client-address.js'
import { createMemorySignInThrottle } from './auth/counted-throttle.js'
import { DEFAULT_THROTTLE_POLICIES, type SignInThrottle, type ThrottlePolicies } from './auth/lockout.js'
import { createRegistrationTokens } from './auth/registration-tokens.js'
import type { AppEnv } from './context.js'
import { type ApiKeys, auditorReadsOnly, guards } from './middleware/auth.js'
import { DEFAULT_BODY_LIMIT_BYTES, limitBody } from './middleware/body-limit.js'
import { notFound, onError } from './middleware/errors.js'
import { idempotent } from './middleware/idempotency.js'
import { requestLogging } from './middleware/logging.js'
import { requestId } from './middleware/request-id.js'
import { corsPolicy, securityHeaders } from './middleware/security-headers.js'
import { type DocumentInfo, openApiDocument } from './openapi/document.js'
import { type RouteDoc, routeTable } from './openapi/route.js'
import { DOCS_ASSETS, type DocsAsset, docsAsset, docsInit, docsPage } from './openapi/ui.js'
import { createMetrics, type Metrics } from './operator/metrics.js'
import { withOperatorPaths } from './operator/openapi.js'
import { measureRequests, operatorRoutes, type Readiness } from './operator/routes.js'
import { accountRoutes } from './routes/account.js'
import { appealCandidateRoutes } from './routes/appeal-candidate.js'
import { appealCommissionRoutes } from './routes/appeal-commission.js'
import { auditRoutes } from './routes/audit.js'
import { cabinetRoutes } from './routes/cabinet.js'
import { cabinetServicesRoutes } from './routes/cabinet-services.js'
import type { RouteDeps } from './routes/deps.js'
import { devRoutes } from './routes/dev.js'
import { devClockRoutes, followDevClock } from './routes/dev-clock.js'
import { examBoardRoutes } from './routes/exam-board.js'
import { examCandidateRoutes } from './routes/exam-candidate.js'
import { examStaffRoutes } from './routes/exam-staff.js'
import { providerRoutes } from './routes/provider.js'
import { registrationRoutes } from './routes/registration.js'
import { sessionRoutes } from './routes/session.js'
import { deriveKey } from './secrets.js'

export type AppOptions = {
  readonly imtahan: Imtahan
  readonly clock: Clock
  readonly logger: Logger
  readonly idempotency: IdempotencyStore
  /** Keys registration tokens and the session map; at least 32 random bytes, kept secret. */
  readonly secret: Buffer
  /** API keys per role (SPEC §5); a role without keys cannot authenticate. */
  readonly apiKeys: ApiKeys
  /** Present in dev mode only: mounts `/dev/*` (read the last SMS, charge a fee). */
  readonly devSms?: DevSmsSender | undefined
  /** Dev mode only: mounts `POST /dev/clock`, which moves this clock forward. */
  readonly devClock?: DevClock | undefined
  readonly sessionTtlSeconds?: number
  readonly registrationTtlSeconds?: number
  readonly bodyLimitBytes?: number
  /** Sign-in back-off per login and per client address (memory, per process, when `throttle` is absent). */
  readonly lockout?: Partial<ThrottlePolicies>
  /** Another store for the sign-in counters: the database (`createCountedSignInThrottle`), shared by processes. */
  readonly throttle?: SignInThrottle
  /** Origins whose browser pages may call the API (CORS); none by default. */
  readonly corsOrigins?: readonly string[]
  /** How the client's address is found: the connection's peer; `X-Forwarded-For` only from trusted proxies. */
  readonly clientAddress?: ClientAddressOptions
  /**
   * Where sign-in sessions live; by default this process's memory. Several
   * processes share the SQL ones (`createSqlSignInSessions`), keyed with
   * `deriveKey(secret, 'sessions')` as the default is.
   */
  readonly sessions?: SignInSessions
  /** Must be the policy of `idempotency`: the middleware renews running keys every `heartbeatSeconds`. */
  readonly idempotencyPolicy?: IdempotencyPolicy
  /** Shared with `instrumentEventStore` so appends count too; by default the app's own. */
  readonly metrics?: Metrics
  /** What `/health/ready` checks; without it, ready whenever the process answers. */
  readonly readiness?: Readiness
  /** The log the auditor reads over HTTP (`/audit/*`, RULES.md §5); without it those routes are not served. */
  readonly auditLog?: EventLog
}

export type ImtahanHttp = {
  readonly app: Hono<AppEnv>
  /** Every route the app serves, as documented: the OpenAPI document is built from this list. */
  readonly routes: readonly RouteDoc[]
  readonly openApi: ReturnType<typeof openApiDocument>
  readonly sessions: SignInSessions
  readonly metrics: Metrics
}

export const DEFAULT_SESSION_TTL_SECONDS = 30 * 60
export const DEFAULT_REGISTRATION_TTL_SECONDS = 60 * 60

const INFO: DocumentInfo = {
  title: 'imtahan API',
  version: '0.1.0',
  description:
    'The State Examination Centre: personal cabinets and money accounts (SPEC §1–2), ' +
    'civil-service exams — sittings, registration and fee, the exam day, scoring, expert review, ' +
    'annulment, publication (§3) — appeals (§4) and the auditor’s read-only log. ' +
    'Candidates use a bearer token from `POST /session`; the provider, board, staff, commission and ' +
    'auditor an `X-Api-Key`. Request bodies are strict: a member a schema does not declare is ' +
    '`400 validation.invalid_input`, named. Errors are RFC 9457 problems with a stable `type`; ' +
    'routes that move money accept `Idempotency-Key`. See docs/integrators.md and docs/exams.md.',
}

/**
 * The HTTP API: request id → one log line → body limit → per route: guard →
 * idempotency → decode → facade → encode. Routes exist only through the
 * route table, which also writes the OpenAPI document, so the two agree.
 */
export const createApp = (options: AppOptions): ImtahanHttp => {
  const { imtahan, clock, logger } = options
  const sessions =
    options.sessions ??
    createMemorySignInSessions({
      secret: deriveKey(options.secret, 'sessions'),
      ttlSeconds: options.sessionTtlSeconds ?? DEFAULT_SESSION_TTL_SECONDS,
      clock,
    })
  const metrics = options.metrics ?? createMetrics()
  const registrationTokens = createRegistrationTokens(
    deriveKey(options.secret, 'registration-tokens'),
    options.registrationTtlSeconds ?? DEFAULT_REGISTRATION_TTL_SECONDS,
    clock,
  )
  const app = new Hono<AppEnv>()
  const allowOrigins = corsPolicy(options.corsOrigins ?? [])
  app.use(
    '*',
    requestId,
    securityHeaders(),
    ...(allowOrigins === undefined ? [] : [allowOrigins]),
    requestLogging(logger),
    measureRequests(metrics),
    limitBody(options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES),
    ...(options.devClock === undefined ? [] : [followDevClock(options.devClock)]),
  )
  app.onError(onError)
  app.notFound(notFound)

  const table = routeTable(app, {
    guards: guards({ sessions, registrationTokens, apiKeys: options.apiKeys }),
    idempotent: idempotent(
      options.idempotency,
      clock,
      deriveKey(options.secret, 'idempotency-request-hash'),
      {
        policy: options.idempotencyPolicy ?? DEFAULT_IDEMPOTENCY_POLICY,
        onReplay: () => metrics.idempotencyReplays.inc(),
      },
    ),
    writes: auditorReadsOnly(options.apiKeys),
  })
  const deps: RouteDeps = {
    imtahan,
    sessions,
    registrationTokens,
    throttle:
      options.throttle ?? createMemorySignInThrottle({ ...DEFAULT_THROTTLE_POLICIES, ...options.lockout }),
    clientAddress: clientAddressOf(options.clientAddress),
    clock,
    devSms: options.devSms,
  }
  registrationRoutes(table.add, deps)
  sessionRoutes(table.add, deps)
  cabinetRoutes(table.add, deps)
  cabinetServicesRoutes(table.add, deps)
  accountRoutes(table.add, deps)
  providerRoutes(table.add, deps)
  examBoardRoutes(table.add, deps)
  examStaffRoutes(table.add, deps)
  examCandidateRoutes(table.add, deps)
  appealCandidateRoutes(table.add, deps)
  appealCommissionRoutes(table.add, deps)
  if (options.devSms !== undefined) devRoutes(table.add, options.devSms, imtahan)
  if (options.auditLog !== undefined) auditRoutes(table.add, options.auditLog)
  if (options.devClock !== undefined) devClockRoutes(table.add, options.devClock, imtahan)

  const routes = table.docs()
  const openApi = withOperatorPaths(openApiDocument(routes, INFO))
  // The documents are routes too (logged by name), but not operations of the API.
  const named =
    (path: string): MiddlewareHandler<AppEnv> =>
    async (c, next) => {
      c.set('route', path)
      await next()
    }
  app.get('/openapi.json', named('/openapi.json'), (c) => c.json(openApi))
  app.get('/docs', named('/docs'), (c) => c.html(docsPage(INFO.title)))
  app.get('/docs/init.js', named('/docs/init.js'), (c) =>
    c.body(docsInit, 200, { 'content-type': 'text/javascript; charset=utf-8' }),
  )
  for (const [asset, type] of Object.entries(DOCS_ASSETS))
    app.get(`/docs/${asset}`, named(`/docs/${asset}`), async (c) =>
      c.body(new Uint8Array(await docsAsset(asset as DocsAsset)), 200, {
        'content-type': type,
        'cache-control': 'public, max-age=3600',
      }),
    )
  app.get('/', named('/'), (c) => c.redirect('/docs'))
  operatorRoutes(app, named, metrics, options.readiness)
  return { app, routes, openApi, sessions, metrics }
}
