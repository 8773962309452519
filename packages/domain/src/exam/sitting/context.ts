import type { Blueprint } from '../blueprint.js'

/**
 * What a sitting's decision needs from outside: the instant (the domain never
 * reads a clock) and the blueprint forms are checked against (configurable
 * data, `DEFAULT_BLUEPRINT` when absent). `openSessions` is the number of
 * sessions of this sitting still running (from the results projection), asked
 * only by publication.
 */
export type ExamContext = {
  readonly now: Date
  readonly blueprint?: Blueprint
  readonly openSessions?: number
}
