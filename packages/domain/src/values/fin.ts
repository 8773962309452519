import type * as t from 'io-ts'
import { normalisedString } from './refined.js'

/** FIN letters: Latin capitals and digits, never I or O (they read as 1 and 0). */
export const FIN_ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ'
const FIN_PATTERN = /^[0-9A-HJ-NP-Z]{7}$/

/**
 * Personal identification code (FİN), CAB-1. Accepted exactly as printed on
 * the document: seven characters, no spaces, no lower case. Input is not
 * upper-cased for the person, because a wrong letter must not be guessed into
 * someone else's FIN.
 */
export const Fin = normalisedString(
  'Fin',
  (raw) => (FIN_PATTERN.test(raw) ? raw : undefined),
  'a FIN is 7 capital Latin letters and digits without I and O, e.g. 5ZK7P2Q',
)
export type Fin = t.TypeOf<typeof Fin>
