import type { Clock, DevClock, DevSmsSender, IdempotencyStore, Imtahan, Logger } from '@imtahan/adapters'
import { Hono, type MiddlewareHandler } from 'hono'
import { createLoginThrottle, DEFAULT_LOCKOUT_POLICY, type LockoutPolicy } from './auth/lockout.js'
import { createRegistrationTokens } from './auth/registration-tokens.js'
import { createSessions, type Sessions } from './auth/sessions.js'
import type { AppEnv } from './context.js'
import { type ApiKeys, guards } from './middleware/auth.js'
import { DEFAULT_BODY_LIMIT_BYTES, limitBody } from './middleware/body-limit.js'
import { notFound, onError } from './middleware/errors.js'
import { idempotent } from './middleware/idempotency.js'
import { requestLogging } from './middleware/logging.js'
import { requestId } from './middleware/request-id.js'
import { type DocumentInfo, openApiDocument } from './openapi/document.js'
import { type RouteDoc, routeTable } from './openapi/route.js'
import { DOCS_ASSETS, type DocsAsset, docsAsset, docsInit, docsPage } from './openapi/ui.js'
import { accountRoutes } from './routes/account.js'
import { appealCandidateRoutes } from './routes/appeal-candidate.js'
import { appealCommissionRoutes } from './routes/appeal-commission.js'
import { cabinetRoutes } from './routes/cabinet.js'
import type { RouteDeps } from './routes/deps.js'
import { devRoutes } from './routes/dev.js'
import { devClockRoutes } from './routes/dev-clock.js'
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
  readonly lockout?: LockoutPolicy
}

export type ImtahanHttp = {
  readonly app: Hono<AppEnv>
  /** Every route the app serves, as documented: the OpenAPI document is built from this list. */
  readonly routes: readonly RouteDoc[]
  readonly openApi: ReturnType<typeof openApiDocument>
  readonly sessions: Sessions
}

export const DEFAULT_SESSION_TTL_SECONDS = 30 * 60
export const DEFAULT_REGISTRATION_TTL_SECONDS = 60 * 60

const INFO: DocumentInfo = {
  title: 'imtahan API',
  version: '0.1.0',
  description:
    'Personal cabinets and money accounts of the State Examination Centre (SPEC §1–2). ' +
    'Errors are RFC 9457 problems with a stable `type`; money moves accept `Idempotency-Key`. ' +
    'See docs/integrators.md.',
}

/**
 * The HTTP API: request id → one log line → body limit → per route: guard →
 * idempotency → decode → facade → encode. Routes exist only through the
 * route table, which also writes the OpenAPI document, so the two agree.
 */
export const createApp = (options: AppOptions): ImtahanHttp => {
  const { imtahan, clock, logger } = options
  const sessions = createSessions(
    deriveKey(options.secret, 'sessions'),
    options.sessionTtlSeconds ?? DEFAULT_SESSION_TTL_SECONDS,
    clock,
  )
  const registrationTokens = createRegistrationTokens(
    deriveKey(options.secret, 'registration-tokens'),
    options.registrationTtlSeconds ?? DEFAULT_REGISTRATION_TTL_SECONDS,
    clock,
  )
  const app = new Hono<AppEnv>()
  app.use(
    '*',
    requestId,
    requestLogging(logger),
    limitBody(options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES),
  )
  app.onError(onError)
  app.notFound(notFound)

  const table = routeTable(app, {
    guards: guards({ sessions, registrationTokens, apiKeys: options.apiKeys }),
    idempotent: idempotent(options.idempotency, clock),
  })
  const deps: RouteDeps = {
    imtahan,
    sessions,
    registrationTokens,
    throttle: createLoginThrottle(clock, options.lockout ?? DEFAULT_LOCKOUT_POLICY),
    clock,
    devSms: options.devSms,
  }
  registrationRoutes(table.add, deps)
  sessionRoutes(table.add, deps)
  cabinetRoutes(table.add, deps)
  accountRoutes(table.add, deps)
  providerRoutes(table.add, deps)
  examBoardRoutes(table.add, deps)
  examStaffRoutes(table.add, deps)
  examCandidateRoutes(table.add, deps)
  appealCandidateRoutes(table.add, deps)
  appealCommissionRoutes(table.add, deps)
  if (options.devSms !== undefined) devRoutes(table.add, options.devSms, imtahan)
  if (options.devClock !== undefined) devClockRoutes(table.add, options.devClock, imtahan)

  const routes = table.docs()
  const openApi = openApiDocument(routes, INFO)
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
  return { app, routes, openApi, sessions }
}
