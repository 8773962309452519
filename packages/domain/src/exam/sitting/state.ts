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
 * copying a map on every event. It is the seat history as recorded; the
 * indexes a decision needs are kept beside it (`SeatIndex`).
 */
type Ledger = { readonly head: SeatEvent; readonly tail: Ledger; readonly size: number } | undefined

/**
 * The seat book as the ledger evolves, so `AllocateSeat` is O(1) amortised
 * instead of rebuilding the book and scanning from the first seat each time
 * (quadratic over a sitting). Mutable for speed, but owned: `head` is the
 * ledger it reflects, and only a state whose `ledger` is that very node may
 * read or extend it. Evolving an older state again (a retried decision, a
 * fold from the same snapshot twice) finds `head` moved on and rebuilds its
 * own from the ledger, so what any state reads is exactly what folding its
 * ledger gives — a cache of a pure function of the ledger, never history.
 */
type SeatIndex = {
  head: Ledger
  readonly byRegistration: Map<string, Allocation>
  readonly heldBySession: Map<string, SeatAllocated>
  readonly taken: Set<string>
  slipsIssued: number
  /** Seats are numbered in board order (halls as listed, seats from 1): `ordinal = offsets[hall] + seat - 1`. */
  readonly halls: readonly { readonly hallId: string; readonly seats: number }[]
  readonly offsets: readonly number[]
  readonly hallIndex: ReadonlyMap<string, number>
  readonly total: number
  /** Every seat from here on is free unless `taken` (allocations always took the first free one). */
  frontier: number
  /** A min-heap of seats before `frontier` released since: every free seat before it is in here (stale ones are dropped lazily). */
  readonly released: number[]
}

export type ExamState = {
  readonly definition: ExamDefined | undefined
  readonly ledger: Ledger
  /** Derived from `ledger` (see `SeatIndex`); undefined until the first seat event or after a rebuild is due. */
  readonly seats: SeatIndex | undefined
  readonly reviews: readonly ExpertReviewRecorded[]
  readonly decisions: readonly AnnulmentDecided[]
  readonly published: ResultsPublished | undefined
}

export const initialExamState: ExamState = {
  definition: undefined,
  ledger: undefined,
  seats: undefined,
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

const heapPush = (heap: number[], value: number): void => {
  let i = heap.push(value) - 1
  while (i > 0) {
    const parent = (i - 1) >> 1
    if (heap[parent]! <= value) break
    heap[i] = heap[parent]!
    i = parent
  }
  heap[i] = value
}

const heapPop = (heap: number[]): void => {
  const last = heap.pop()!
  if (heap.length === 0) return
  let i = 0
  for (;;) {
    const left = 2 * i + 1
    if (left >= heap.length) break
    const child = left + 1 < heap.length && heap[left + 1]! < heap[left]! ? left + 1 : left
    if (heap[child]! >= last) break
    heap[i] = heap[child]!
    i = child
  }
  heap[i] = last
}

/** The hall and seat of an ordinal (halls are few: a linear walk is enough). */
const seatAt = (index: SeatIndex, ordinal: number): { hallId: string; seat: number } => {
  let hall = 0
  while (hall + 1 < index.halls.length && index.offsets[hall + 1]! <= ordinal) hall++
  return { hallId: index.halls[hall]!.hallId, seat: ordinal - index.offsets[hall]! + 1 }
}

const takenAt = (index: SeatIndex, ordinal: number): boolean => {
  const { hallId, seat } = seatAt(index, ordinal)
  return index.taken.has(seatKey(hallId, seat))
}

/** An ordinal for a seat of the sitting's halls; undefined for one outside them (recorded, but never offered). */
const ordinalOf = (index: SeatIndex, hallId: string, seat: number): number | undefined => {
  const hall = index.hallIndex.get(hallId)
  return hall === undefined || seat < 1 || seat > index.halls[hall]!.seats
    ? undefined
    : index.offsets[hall]! + seat - 1
}

const emptyIndex = (definition: ExamDefined | undefined): SeatIndex => {
  const halls = definition?.halls ?? []
  const offsets: number[] = []
  let total = 0
  for (const hall of halls) {
    offsets.push(total)
    total += hall.seats
  }
  return {
    head: undefined,
    byRegistration: new Map(),
    heldBySession: new Map(),
    taken: new Set(),
    slipsIssued: 0,
    halls,
    offsets,
    hallIndex: new Map(halls.map((hall, i) => [hall.hallId, i])),
    total,
    frontier: 0,
    released: [],
  }
}

const applySeatEvent = (index: SeatIndex, event: SeatEvent): void => {
  if (event.type === 'SeatAllocated') {
    index.slipsIssued++
    index.byRegistration.set(event.registrationId, { status: 'held', allocated: event })
    index.heldBySession.set(event.sessionId, event)
    index.taken.add(seatKey(event.hallId, event.seat))
  } else if (event.type === 'SeatAllocationDeclined') {
    index.byRegistration.set(event.registrationId, { status: 'declined', declined: event })
  } else {
    const held = index.byRegistration.get(event.registrationId)
    if (held?.status === 'held')
      index.byRegistration.set(event.registrationId, { ...held, status: 'released' })
    index.heldBySession.delete(event.sessionId)
    index.taken.delete(seatKey(event.hallId, event.seat))
    const ordinal = ordinalOf(index, event.hallId, event.seat)
    if (ordinal !== undefined && ordinal < index.frontier) heapPush(index.released, ordinal)
  }
  // Keep the first free seat at hand: drop released seats taken again, move the frontier past taken ones.
  // The frontier only moves forward, so over a sitting this is linear in its seats.
  while (index.released.length > 0 && takenAt(index, index.released[0]!)) heapPop(index.released)
  while (index.frontier < index.total && takenAt(index, index.frontier)) index.frontier++
}

const buildIndex = (state: ExamState): SeatIndex => {
  const events: SeatEvent[] = []
  for (let node = state.ledger; node !== undefined; node = node.tail) events.push(node.head)
  const index = emptyIndex(state.definition)
  for (const event of events.reverse()) applySeatEvent(index, event)
  index.head = state.ledger
  return index
}

/** The state's own index if it still owns it, else one rebuilt from its ledger (not kept: the state is a value). */
const indexOf = (state: ExamState): SeatIndex =>
  state.seats !== undefined && state.seats.head === state.ledger ? state.seats : buildIndex(state)

/** What a seat decision reads: the book as of this state and the first free seat in board order. */
export type SeatView = SeatBook & {
  readonly firstFree: { readonly hallId: string; readonly seat: number } | undefined
}

/** For decisions, read synchronously and let go: the maps are the live index (see `SeatIndex`). */
export const seatView = (state: ExamState): SeatView => {
  const index = indexOf(state)
  const firstFree =
    index.released.length > 0
      ? seatAt(index, index.released[0]!)
      : index.frontier < index.total
        ? seatAt(index, index.frontier)
        : undefined
  return { ...index, firstFree }
}

/** The seat book as of `state`, a copy its holder may keep while the sitting moves on. */
export const seatBook = (state: ExamState): SeatBook => {
  const index = indexOf(state)
  return {
    byRegistration: new Map(index.byRegistration),
    heldBySession: new Map(index.heldBySession),
    taken: new Set(index.taken),
    slipsIssued: index.slipsIssued,
  }
}

export const evolveExam = (state: ExamState, event: ExamEvent): ExamState => {
  switch (event.type) {
    case 'ExamDefined':
      // The index numbers seats by the halls: rebuilt against the definition on the next seat event.
      return { ...state, definition: event, seats: undefined }
    case 'SeatAllocated':
    case 'SeatAllocationDeclined':
    case 'SeatReleased': {
      const ledger = { head: event, tail: state.ledger, size: (state.ledger?.size ?? 0) + 1 }
      const seats = indexOf(state)
      applySeatEvent(seats, event)
      // From here on only the new state owns the index; the old one rebuilds its own if it is ever read.
      seats.head = ledger
      return { ...state, ledger, seats }
    }
    case 'ExpertReviewRecorded':
      return { ...state, reviews: [...state.reviews, event] }
    case 'AnnulmentDecided':
      return { ...state, decisions: [...state.decisions, event] }
    case 'ResultsPublished':
      return { ...state, published: event }
  }
}
