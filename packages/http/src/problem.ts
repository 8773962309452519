import type { DomainError } from '@imtahan/domain'
import { appealStatusFor } from './routes/appeal-problems.js'

/**
 * RFC 9457 problem details. `type` is stable per domain error code, so an
 * integrator can branch on it; `detail` is the domain's sentence for a person.
 */
export type Problem = {
  readonly type: string
  readonly title: string
  readonly status: number
  readonly detail: string
  readonly code: string
  readonly instance?: string
  readonly [extension: string]: unknown
}

export const PROBLEM_TYPE_BASE = 'urn:imtahan:problem:'

/** HTTP status for a domain error code, by the code's last segment and family. */
export const statusFor = (code: string): number => {
  const appeal = appealStatusFor(code)
  if (appeal !== undefined) return appeal
  if (code.startsWith('validation.') || code === 'http.malformed_json') return 400
  if (code.startsWith('auth.unauthenticated') || code === 'auth.invalid_credentials') return 401
  if (code.startsWith('auth.')) return code === 'auth.too_many_attempts' ? 429 : 403
  if (code === 'http.body_too_large') return 413
  if (code === 'http.unsupported_media_type') return 415
  if (code === 'cabinet.too_many_attempts') return 429
  if (code === 'http.not_found' || /\.(not_found|unknown_[a-z_]+)$/.test(code)) return 404
  if (code.startsWith('idempotency.') || code.startsWith('store.') || code.startsWith('command.'))
    return code === 'idempotency.key_reused' ? 422 : 409
  if (/\.(already_[a-z_]+|registration_in_progress)$/.test(code)) return 409
  // Exams: right request, wrong moment (before the start, after the end, while paused, before publication).
  if (/\.(not_started|ended|paused|results_not_published|registration_pending)$/.test(code)) return 409
  if (code === 'otp.resend_too_soon' || code === 'otp.daily_limit_reached') return 429
  return 422
}

const titleOf = (code: string): string => {
  const last = code.split('.').pop() ?? code
  const words = last.replace(/_/g, ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

export const problemOf = (error: DomainError, instance?: string): Problem => ({
  ...(error.details ?? {}),
  type: `${PROBLEM_TYPE_BASE}${error.code}`,
  title: titleOf(error.code),
  status: statusFor(error.code),
  detail: error.message,
  code: error.code,
  ...(instance === undefined ? {} : { instance }),
})
