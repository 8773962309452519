import type { AuditCheck } from '../check.js'
import { decodeCheck } from './decode.js'
import { hashChainCheck } from './hash-chain.js'
import { moneyCheck } from './money.js'
import { sourceCheck } from './source.js'
import { streamHeadsCheck } from './stream-heads.js'

export { chainStep } from './hash-chain.js'
export { compareHeads } from './stream-heads.js'

/**
 * The checks an audit runs, in report order. EXTENSION POINT: a new rule is
 * one more `AuditCheck` module in this folder, added here — e.g. SCO-7
 * (every published and revised score recomputed from the exam events equals
 * the recorded one, and every pass/fail) once the exam aggregates exist; its
 * streams go into `DEFAULT_CATALOG` so their events arrive decoded.
 */
export const DEFAULT_CHECKS: readonly AuditCheck[] = [
  sourceCheck,
  hashChainCheck,
  streamHeadsCheck,
  decodeCheck,
  moneyCheck,
]

export { decodeCheck, hashChainCheck, moneyCheck, sourceCheck, streamHeadsCheck }
