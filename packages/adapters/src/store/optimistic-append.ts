import type { Clock } from '../ports/clock.js'
import {
  checkBatch,
  checkExpectedRevision,
  expectationHolds,
  nextRevision,
  resolveKnownIds,
  type StreamHead,
} from './append-rules.js'
import { type ChainedEvent, chainEvents } from './hash-chain.js'
import {
  type AppendResult,
  type EventContext,
  type ExpectedRevision,
  type NewEvent,
  type Position,
  type RecordedEvent,
  START,
  WrongExpectedVersionError,
} from './port.js'

export type KnownEvent = { readonly revision: bigint; readonly position: Position }

/** What a store tells the append about a stream just before writing. */
export type StreamSnapshot = {
  readonly head: StreamHead
  /** The hash of the stream's last event, `null` when there is none. */
  readonly lastHash: string | null
  /** The batch's ids (lower-case) that are already in the stream, with where they are. */
  readonly known: ReadonlyMap<string, KnownEvent>
  /** Where the last event is (only asked for an empty batch). */
  readonly lastPosition: () => Promise<Position>
}

/**
 * The snapshot of a stream a store holds as events (memory, or EventStoreDB
 * after reading it): `find` looks up one of the batch's ids.
 */
export const snapshotOfEvents = (
  last: RecordedEvent | undefined,
  ids: readonly string[],
  find: (id: string) => RecordedEvent | undefined,
): StreamSnapshot => {
  const known = new Map<string, KnownEvent>()
  for (const id of ids) {
    const event = find(id)
    if (event) known.set(id, event)
  }
  return {
    head: last?.revision ?? 'no_stream',
    lastHash: last?.metadata.hash ?? null,
    known,
    lastPosition: async () => last?.position ?? START,
  }
}

/**
 * A write refused because the stream had moved past the head it was
 * written on, with the events after that head the store saw in the same
 * round trip: in order, and none if it could not give all it saw (they
 * may still stop short of a head that moved again meanwhile).
 */
export type Refusal = { readonly following: readonly RecordedEvent[] }

/** Where a store believes a stream is without asking (its own last write), if it has a belief. */
export type StreamGuess = { readonly head: StreamHead; readonly lastHash: string | null }

/** The guess that a stream's head is `event` (one it wrote or read). */
export const guessAt = (event: {
  readonly revision: bigint
  readonly metadata: { readonly hash: string }
}): StreamGuess => ({ head: event.revision, lastHash: event.metadata.hash })

/** A write that landed, as opposed to a lost race or a refusal. */
const landed = (outcome: Position | 'lost_race' | Refusal): outcome is Position =>
  outcome !== 'lost_race' && !('following' in outcome)

export type AppendSteps = {
  /**
   * Optional shortcut: a guess costs no round trip. It is only ever used to
   * try a write; a refusal or an error is decided on a fresh snapshot. So a
   * store may guess only if its write also refuses ids already in the stream
   * (a unique constraint), because the guess skips that lookup.
   */
  readonly guess?: (expected: ExpectedRevision) => StreamGuess | undefined
  readonly snapshot: (ids: readonly string[]) => Promise<StreamSnapshot>
  /**
   * Writes the chained batch only if the stream is still at `head`, in one
   * atomic step; answers `'lost_race'` or a `Refusal` (having written
   * nothing) if it moved.
   */
  readonly write: (
    events: readonly ChainedEvent[],
    head: StreamHead,
  ) => Promise<Position | 'lost_race' | Refusal>
}

/**
 * After a guessed write on the caller's exact expected revision was refused
 * with the events that follow it: the stream has moved, so the caller's
 * expectation cannot hold. Refuse at once, handing the events on, without
 * looking at the head again — unless they do not start right after the
 * head or hold one of the batch's ids (a retry that landed: the look below
 * answers it).
 */
const refuseOnWhatFollows = (
  streamId: string,
  expected: ExpectedRevision,
  head: StreamHead,
  ids: readonly string[],
  following: readonly RecordedEvent[],
): void => {
  const last = following.at(-1)
  if (typeof expected !== 'bigint' || head !== expected || last === undefined) return
  if (following[0]!.revision !== expected + 1n) return
  if (following.some((event) => ids.includes(event.id.toLowerCase()))) return
  throw new WrongExpectedVersionError(streamId, expected, last.revision, following)
}

/** Lost races are retried; this bound only keeps a livelock from hanging a caller for ever. */
const MAX_ATTEMPTS = 100

/**
 * The one append algorithm of every store: look at the stream, decide in
 * TypeScript (retry answered, ids reused refused, expected revision checked,
 * events numbered and hashed onto the chain), then write conditionally on the
 * head we looked at. If another writer moved the stream meanwhile nothing is
 * written and we look again, so the expected revision is enforced exactly,
 * the conflict names the revision really found, and `previousHash` is always
 * the hash of the event that really precedes.
 */
export const appendOptimistically = async (
  streamId: string,
  events: readonly NewEvent[],
  expected: ExpectedRevision,
  context: EventContext | undefined,
  clock: Clock,
  steps: AppendSteps,
): Promise<AppendResult> => {
  checkBatch(streamId, events)
  const ids = events.map((event) => event.id.toLowerCase())
  const guess = events.length > 0 ? steps.guess?.(expected) : undefined
  if (guess && expectationHolds(expected, guess.head)) {
    const chained = chainEvents(
      streamId,
      events,
      nextRevision(guess.head),
      guess.lastHash,
      clock.now().toISOString(),
      context,
    )
    const outcome = await steps.write(chained, guess.head)
    if (landed(outcome)) return { nextExpectedRevision: chained.at(-1)!.revision, position: outcome }
    if (outcome !== 'lost_race') refuseOnWhatFollows(streamId, expected, guess.head, ids, outcome.following)
  }
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const stream = await steps.snapshot(ids)
    const revisions = new Map([...stream.known].map(([id, known]) => [id, known.revision]))
    const resolution = resolveKnownIds(streamId, events, expected, revisions)
    if (resolution.kind === 'already_appended') {
      const last = stream.known.get(ids.at(-1)!)!
      return { nextExpectedRevision: last.revision, position: last.position }
    }
    checkExpectedRevision(streamId, expected, stream.head)
    if (events.length === 0) {
      const position = await stream.lastPosition()
      return { nextExpectedRevision: stream.head === 'no_stream' ? -1n : stream.head, position }
    }
    const recordedAt = clock.now().toISOString()
    const chained = chainEvents(
      streamId,
      events,
      nextRevision(stream.head),
      stream.lastHash,
      recordedAt,
      context,
    )
    const outcome = await steps.write(chained, stream.head)
    if (landed(outcome)) return { nextExpectedRevision: chained.at(-1)!.revision, position: outcome }
  }
  throw new Error(`Append to ${streamId} lost ${MAX_ATTEMPTS} races in a row`)
}
