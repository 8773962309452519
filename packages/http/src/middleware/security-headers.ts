import type { MiddlewareHandler } from 'hono'
import { cors } from 'hono/cors'
import { secureHeaders } from 'hono/secure-headers'
import type { AppEnv } from '../context.js'

/**
 * Hono's `secure-headers` with a Content-Security-Policy that allows nothing
 * but what `/docs` (Swagger UI, served from this package) needs: scripts and
 * the stylesheet from the same origin only, fetches to the same origin, and
 * its icons as `data:` images. Inline styles are allowed because Swagger UI's
 * components set style attributes; inline scripts are not. JSON answers need
 * no more; no page may frame the API.
 */
export const securityHeaders = (): MiddlewareHandler<AppEnv> =>
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      connectSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      baseUri: ["'none'"],
      formAction: ["'none'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: 'DENY',
    // Answers hold personal data: never cached by a shared cache or shown to another origin by default.
    crossOriginResourcePolicy: 'same-origin',
  }) as MiddlewareHandler<AppEnv>

/** Headers a browser client may send and read (CORS). */
const ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id', 'X-Api-Key']
const EXPOSED_HEADERS = ['X-Request-Id', 'Retry-After', 'Idempotent-Replayed', 'Location', 'WWW-Authenticate']

/**
 * CORS for the listed origins only (`imtahan serve --cors-origin`); none by
 * default, so no browser page of another origin can read an answer.
 * Credentials are bearer tokens in a header, never cookies: no
 * `Access-Control-Allow-Credentials`.
 */
export const corsPolicy = (origins: readonly string[]): MiddlewareHandler<AppEnv> | undefined =>
  origins.length === 0
    ? undefined
    : (cors({
        origin: [...origins],
        allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
        allowHeaders: ALLOWED_HEADERS,
        exposeHeaders: EXPOSED_HEADERS,
        maxAge: 600,
      }) as MiddlewareHandler<AppEnv>)
