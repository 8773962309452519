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
 * type this number to send money (WAL-4), so one mistyped digit or a swap of
 * neighbours must not reach another person's cabinet.
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

/** The n-th cabinet number (n ≥ 1). Sequence numbers start at 1000001 so numbers never start with 0. */
export const cabinetNumberFor = (sequence: number): CabinetNumber => {
  const body = String(1_000_000 + sequence)
  return `${body}${luhnDigit(body)}` as CabinetNumber
}
