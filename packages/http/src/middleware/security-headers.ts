import { createHash } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import { cors } from 'hono/cors'
import { secureHeaders } from 'hono/secure-headers'
import type { AppEnv } from '../context.js'
import { DOCS_SCRIPT, DOCS_STYLE } from '../openapi/ui.js'

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`

/**
 * Hono's `secure-headers` with a Content-Security-Policy that allows nothing
 * but what `/docs` needs: its one inline style and one inline script (by
 * hash, so no per-request nonce) and a fetch of `/openapi.json` from the same
 * origin. JSON answers need no more; no page may frame the API.
 */
export const securityHeaders = (): MiddlewareHandler<AppEnv> =>
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      scriptSrc: [sha256(DOCS_SCRIPT)],
      styleSrc: [sha256(DOCS_STYLE)],
      connectSrc: ["'self'"],
      imgSrc: ["'self'"],
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
