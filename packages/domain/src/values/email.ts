import type * as t from 'io-ts'
import { normalisedString } from './refined.js'

// Deliberately plain: one @, a dotted domain, no spaces. Deliverability is
// proved by use, not by a regex.
const EMAIL_PATTERN = /^[^\s@]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/

/** Optional contact (CAB-4). Trimmed; the domain part is lower-cased. */
export const Email = normalisedString(
  'Email',
  (raw) => {
    const trimmed = raw.trim()
    if (trimmed.length > 254 || !EMAIL_PATTERN.test(trimmed)) return undefined
    const at = trimmed.lastIndexOf('@')
    return `${trimmed.slice(0, at)}@${trimmed.slice(at + 1).toLowerCase()}`
  },
  'an e-mail address looks like name@example.az',
)
export type Email = t.TypeOf<typeof Email>
