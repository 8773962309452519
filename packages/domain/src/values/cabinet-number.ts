import type * as t from 'io-ts'
import { normalisedString } from './refined.js'

/** Luhn check digit of a string of digits. */
export const luhnDigit = (digits: string): string => {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i])
    if (i % 2 === 0) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return String((10 - (sum % 10)) % 10)
}

/**
 * CAB-7: 8 digits, a 7-digit sequence number and a Luhn check digit. People
 * type this number to send money (WAL-4), so one mistyped digit must not reach
 * another person's cabinet (Luhn catches every single-digit error and every
 * swap of neighbours except 09 ↔ 90).
 */
export const CabinetNumber = normalisedString(
  'CabinetNumber',
  (raw) => {
    const compact = raw.replace(/\s/g, '')
    return /^\d{8}$/.test(compact) && luhnDigit(compact.slice(0, 7)) === compact[7] ? compact : undefined
  },
  'a cabinet number is 8 digits with a valid check digit',
)
export type CabinetNumber = t.TypeOf<typeof CabinetNumber>

/** The last sequence that still gives 8 digits (body 9999999); the allocator stops there. */
export const MAX_CABINET_SEQUENCE = 8_999_999

/**
 * The n-th cabinet number (1 ≤ n ≤ MAX_CABINET_SEQUENCE). Bodies start at
 * 1000001 so numbers never start with 0.
 */
export const cabinetNumberFor = (sequence: number): CabinetNumber => {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > MAX_CABINET_SEQUENCE)
    throw new RangeError(`cabinet number sequence out of range: ${sequence}`)
  const body = String(1_000_000 + sequence)
  return `${body}${luhnDigit(body)}` as CabinetNumber
}
