import type { ErrorTable } from '@imtahan/domain'

/**
 * Codes only the HTTP edge raises: the request itself (size, media type,
 * JSON, route), idempotency keys and the dev-only SMS outbox. `http.internal`
 * and `http.unavailable` are answered by the error handler directly, never
 * through `statusFor`; their rows say what the handler sends.
 */
export const HTTP_ERRORS = {
  'dev.clock_backwards': {
    status: 422,
    meaning: 'Dev server only: the dev clock moves forward, never back.',
  },
  'dev.clock_move_invalid': {
    status: 422,
    meaning: 'Dev server only: send exactly one of advanceMinutes (above 0) or to (an instant).',
  },
  'dev.no_message': { status: 422, meaning: 'Dev server only: no SMS was sent to this number.' },
  'http.body_too_large': { status: 413, meaning: 'The request body is larger than the limit.' },
  'http.internal': {
    status: 500,
    meaning: 'Something failed on the server; nothing the client sent was at fault.',
  },
  'http.malformed_json': { status: 400, meaning: 'The request body is not valid JSON.' },
  'http.not_found': { status: 404, meaning: 'No route answers this method and path.' },
  'http.unavailable': {
    status: 503,
    meaning: 'The database could not be reached; retry after `Retry-After`.',
  },
  'http.unsupported_media_type': { status: 415, meaning: 'The body is not sent as application/json.' },
  'idempotency.in_progress': {
    status: 409,
    meaning: 'A request with this Idempotency-Key is still running (WAL-7).',
  },
  'idempotency.key_reused': {
    status: 422,
    meaning: 'The Idempotency-Key was already used for a different request (WAL-7).',
  },
  'validation.invalid_idempotency_key': {
    status: 400,
    meaning: 'The Idempotency-Key is not 1 to 255 visible ASCII characters.',
  },
} as const satisfies ErrorTable

type HttpErrorTable = typeof HTTP_ERRORS

declare module '@imtahan/domain' {
  interface ErrorCodes extends HttpErrorTable {}
}
