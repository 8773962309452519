import type {
  AnnulmentDecided,
  ExamDefined,
  ExamEvent,
  ExpertReviewRecorded,
  ResultsPublished,
  SeatAllocated,
  SeatAllocationDeclined,
  SeatReleased,
} from './events.js'

type SeatEvent = SeatAllocated | SeatAllocationDeclined | SeatReleased

/**
 * A persistent list (newest first): appending shares the older part, so
 * folding a sitting with 10,000 registrations stays linear instead of
 * copying a map on every event. `seatBook` builds the indexes a decision
 * needs, once per decision.
 */
type Ledger = { readonly head: SeatEvent; readonly tail: Ledger; readonly size: number } | undefined

export type ExamState = {
  readonly definition: ExamDefined | undefined
  readonly ledger: Ledger
  readonly reviews: readonly ExpertReviewRecorded[]
  readonly decisions: readonly AnnulmentDecided[]
  readonly published: ResultsPublished | undefined
}

export const initialExamState: ExamState = {
  definition: undefined,
  ledger: undefined,
  reviews: [],
  decisions: [],
  published: undefined,
}

export type Allocation =
  | { readonly status: 'held' | 'released'; readonly allocated: SeatAllocated }
  | { readonly status: 'declined'; readonly declined: SeatAllocationDeclined }

export type SeatBook = {
  /** Every registration the sitting has answered, by registration id. */
  readonly byRegistration: ReadonlyMap<string, Allocation>
  /** The registration currently holding a seat, by session id. */
  readonly heldBySession: ReadonlyMap<string, SeatAllocated>
  /** `hallId#seat` of every held seat. */
  readonly taken: ReadonlySet<string>
  /** How many slip numbers were ever issued (released ones are never reused). */
  readonly slipsIssued: number
}

export const seatKey = (hallId: string, seat: number): string => `${hallId}#${seat}`

export const seatBook = (state: ExamState): SeatBook => {
  const events: SeatEvent[] = []
  for (let node = state.ledger; node !== undefined; node = node.tail) events.push(node.head)
  const byRegistration = new Map<string, Allocation>()
  const heldBySession = new Map<string, SeatAllocated>()
  const taken = new Set<string>()
  let slipsIssued = 0
  for (const event of events.reverse()) {
    if (event.type === 'SeatAllocated') {
      slipsIssued++
      byRegistration.set(event.registrationId, { status: 'held', allocated: event })
      heldBySession.set(event.sessionId, event)
      taken.add(seatKey(event.hallId, event.seat))
    } else if (event.type === 'SeatAllocationDeclined') {
      byRegistration.set(event.registrationId, { status: 'declined', declined: event })
    } else {
      const held = byRegistration.get(event.registrationId)
      if (held?.status === 'held') byRegistration.set(event.registrationId, { ...held, status: 'released' })
      heldBySession.delete(event.sessionId)
      taken.delete(seatKey(event.hallId, event.seat))
    }
  }
  return { byRegistration, heldBySession, taken, slipsIssued }
}

export const evolveExam = (state: ExamState, event: ExamEvent): ExamState => {
  switch (event.type) {
    case 'ExamDefined':
      return { ...state, definition: event }
    case 'SeatAllocated':
    case 'SeatAllocationDeclined':
    case 'SeatReleased':
      return { ...state, ledger: { head: event, tail: state.ledger, size: (state.ledger?.size ?? 0) + 1 } }
    case 'ExpertReviewRecorded':
      return { ...state, reviews: [...state.reviews, event] }
    case 'AnnulmentDecided':
      return { ...state, decisions: [...state.decisions, event] }
    case 'ResultsPublished':
      return { ...state, published: event }
  }
}
