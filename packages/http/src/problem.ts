import type { DomainError, ErrorCode } from '@imtahan/domain'
import { ERRORS } from './errors/table.js'

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

/** HTTP status for an error code, as its area's table declares it (see docs/errors.md). */
export const statusFor = (code: ErrorCode): number => ERRORS[code].status

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
