import type { Money } from '../../kernel/money.js'
import type { Blueprint } from '../blueprint.js'
import type { GroupCode, Review } from '../model.js'
import type { FormWithKey, Hall, Venue } from '../sitting/events.js'
import type { ExamState } from '../sitting/state.js'
import type { Timing } from '../sitting/timing.js'

/**
 * What a session needs to know of its sitting, built by the application from
 * the Exam stream (`sittingViewOf`). Keys and reviews are in it because the
 * session scores itself (EXM-17, SCO-5); the view is never shown to a
 * candidate.
 */
export type SittingView = {
  readonly examId: string
  readonly title: string
  readonly startsAt: Date
  readonly venue: Venue
  readonly halls: readonly Hall[]
  readonly timing: Timing
  readonly fee: Money
  readonly forms: readonly FormWithKey[]
  /** In the order the board recorded them. */
  readonly reviews: readonly Review[]
  readonly blueprint: Blueprint
}

/**
 * `now` is the instant of the decision (the domain never reads a clock);
 * `balance` is the candidate's wallet balance as the application read it
 * just before a registration — a fast first refusal, the wallet's own charge
 * stays the authority (as for transfers).
 */
export type SessionContext = {
  readonly now: Date
  readonly sitting: SittingView
  readonly balance?: Money
}

/** The blueprint is the one the sitting was defined under (its `ExamDefined`), not today's configuration. */
export const sittingViewOf = (state: ExamState): SittingView | undefined => {
  const definition = state.definition
  if (definition === undefined) return undefined
  return {
    examId: definition.examId,
    title: definition.title,
    startsAt: definition.startsAt,
    venue: definition.venue,
    halls: definition.halls,
    timing: definition.timing,
    fee: definition.fee,
    forms: definition.forms,
    reviews: state.reviews.map((recorded) => recorded.review),
    blueprint: definition.blueprint,
  }
}

export const formOf = (sitting: SittingView, group: GroupCode): FormWithKey | undefined =>
  sitting.forms.find(({ form }) => form.group === group)
