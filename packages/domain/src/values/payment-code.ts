import type * as t from 'io-ts'
import { normalisedString } from './refined.js'

/**
 * PAY-1/PAY-3: the code the payment provider issues. Upper-case letters,
 * digits and hyphens, 6–32 long. Spaces and case are forgiven because people
 * copy it from a receipt.
 */
export const PaymentCode = normalisedString(
  'PaymentCode',
  (raw) => {
    const compact = raw.replace(/\s/g, '').toUpperCase()
    return /^[A-Z0-9](?:[A-Z0-9-]{4,30})[A-Z0-9]$/.test(compact) ? compact : undefined
  },
  'a payment code is 6 to 32 letters, digits and hyphens, as printed on the receipt',
)
export type PaymentCode = t.TypeOf<typeof PaymentCode>
