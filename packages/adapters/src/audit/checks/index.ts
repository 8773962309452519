import type { AuditCheck } from '../check.js'
import { decodeCheck } from './decode.js'
import { hashChainCheck } from './hash-chain.js'
import { moneyCheck } from './money.js'
import { createScoresCheck, scoresCheck } from './scores.js'

export type * from './score-summary.js'

import { sourceCheck } from './source.js'
import { streamHeadsCheck } from './stream-heads.js'

export { chainStep } from './hash-chain.js'
export { compareHeads } from './stream-heads.js'

/**
 * The checks an audit runs, in report order. EXTENSION POINT: a new rule is
 * one more `AuditCheck` module in this folder, added here; the streams it
 * reads go into `DEFAULT_CATALOG` so their events arrive decoded (as the exam
 * and session streams do for `scores`, SCO-7).
 */
export const DEFAULT_CHECKS: readonly AuditCheck[] = [
  sourceCheck,
  hashChainCheck,
  streamHeadsCheck,
  decodeCheck,
  moneyCheck,
  scoresCheck,
]

export {
  createScoresCheck,
  decodeCheck,
  hashChainCheck,
  moneyCheck,
  scoresCheck,
  sourceCheck,
  streamHeadsCheck,
}
