import { APPEAL_ERRORS } from './appeal/errors.js'
import { CABINET_ERRORS } from './cabinet/errors.js'
import { CALENDAR_ERRORS } from './calendar/errors.js'
import { SCORE_ERRORS } from './exam/scoring-errors.js'
import { SESSION_ERRORS } from './exam/session/errors.js'
import { EXAM_ERRORS } from './exam/sitting/errors.js'
import { PAYMENT_ERRORS } from './payment/errors.js'
import { TRANSFER_ERRORS } from './transfer/errors.js'
import { VALUE_ERRORS } from './values/errors.js'
import { WALLET_ERRORS } from './wallet/errors.js'

/** Every code the domain declares, area by area. */
export const DOMAIN_ERRORS = {
  ...CABINET_ERRORS,
  ...WALLET_ERRORS,
  ...PAYMENT_ERRORS,
  ...TRANSFER_ERRORS,
  ...EXAM_ERRORS,
  ...SESSION_ERRORS,
  ...SCORE_ERRORS,
  ...APPEAL_ERRORS,
  ...CALENDAR_ERRORS,
  ...VALUE_ERRORS,
} as const

type DomainErrorTable = typeof DOMAIN_ERRORS

declare module './kernel/errors.js' {
  interface ErrorCodes extends DomainErrorTable {}
}

export type DomainErrorCode = keyof DomainErrorTable

/**
 * Whether a text read back from stored data (a decline's `reason`, which an
 * event keeps as a plain string) is a code the domain declares.
 */
export const isDomainErrorCode = (text: string): text is DomainErrorCode => Object.hasOwn(DOMAIN_ERRORS, text)
