import type * as t from 'io-ts'
import { normalisedString } from './refined.js'

/** Mobile operator codes in Azerbaijan (Azercell 10/50/51, Bakcell 55/99, Nar 70/77, Naxtel 60). */
export const MOBILE_OPERATOR_CODES = ['10', '50', '51', '55', '60', '70', '77', '99'] as const

/**
 * CAB-4: accepts `050 123 45 67`, `(050) 123-45-67`, `+994501234567`,
 * `994 50 123 45 67`, `00994…` and `50 123 45 67`; gives E.164
 * (`+994501234567`). Anything else — landlines, other countries, wrong
 * length — is refused rather than guessed.
 */
export const normalisePhone = (raw: string): string | undefined => {
  if (!/^[\d\s()+-]+$/.test(raw.trim())) return undefined
  const digits = raw.replace(/[\s()-]/g, '')
  const national = /^(?:\+994|00994|994|0)?(\d{9})$/.exec(digits)?.[1]
  if (national === undefined) return undefined
  if (digits.startsWith('+') && !digits.startsWith('+994')) return undefined
  return (MOBILE_OPERATOR_CODES as readonly string[]).includes(national.slice(0, 2))
    ? `+994${national}`
    : undefined
}

export const PhoneNumber = normalisedString(
  'PhoneNumber',
  normalisePhone,
  'a mobile number is +994, an operator code (10, 50, 51, 55, 60, 70, 77, 99) and 7 digits, e.g. 050 123 45 67',
)
export type PhoneNumber = t.TypeOf<typeof PhoneNumber>
