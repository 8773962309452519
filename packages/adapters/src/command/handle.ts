import { type Decider, type DomainError, domainError } from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import { deterministicUuid, IMTAHAN_NAMESPACE, randomId } from '../ids.js'
import { nextRevision } from '../store/append-rules.js'
import {
  DuplicateEventIdError,
  type EventContext,
  type EventStore,
  type NewEvent,
  type Position,
  WrongExpectedVersionError,
} from '../store/port.js'
import { conflictBackoffMs, pause } from './backoff.js'
import { decodeRecorded, type EventCodec, encodeEvent } from './codec.js'
import { foldIntoCache, loadCachedState, loadStream, type StreamRevision } from './load.js'
import type { StateCache } from './state-cache.js'

export type EventIdInput = {
  readonly streamId: string
  /** The stream's revision the decision was made on. */
  readonly revision: StreamRevision
  /** The event's place within this decision (0, 1, …). */
  readonly index: number
  readonly commandId?: string
}
export type EventIdFor = (input: EventIdInput) => string

/**
 * With a command id, an event id is a v5 UUID of (stream, command id, index).
 * The revision is left out on purpose: if a first attempt did land but its
 * answer was lost, a retry decides on the newer revision, and only ids that
 * ignore the revision collide with what landed, so the store refuses the
 * repeat instead of recording it twice. Without a command id nothing can be
 * repeated on purpose, so ids are random.
 */
export const defaultEventIdFor: EventIdFor = ({ streamId, index, commandId }) =>
  commandId === undefined
    ? randomId()
    : deterministicUuid(IMTAHAN_NAMESPACE, `${streamId}\n${commandId}\n${index}`)

/** The refusal when a stream kept changing under every retry of one decision. */
export const concurrencyExhausted = (streamId: string, attempts: number): DomainError =>
  domainError(
    'command.concurrency_exhausted',
    `The record changed ${attempts} times while this request was being decided; please try again.`,
    { streamId, attempts },
  )

export type CommandResult<Event> = {
  /** The events this command recorded (empty when it changed nothing). */
  readonly events: readonly Event[]
  readonly nextExpectedRevision: StreamRevision
  readonly position?: Position
  /** The command had been applied before (same command id): these are the events it recorded then. */
  readonly replayed?: true
}

export type HandleCommandOptions<Command, Event, State, Context> = {
  readonly store: EventStore
  readonly decider: Decider<Command, Event, State, Context>
  readonly codec: EventCodec<Event>
  readonly streamId: string
  readonly command: Command
  readonly context: Context
  /** An idempotency key: the same command id on the same stream is recorded at most once. */
  readonly commandId?: string
  readonly eventIdFor?: EventIdFor
  readonly eventContext?: EventContext
  /** Conflicts re-decided before giving up with `command.concurrency_exhausted`. */
  readonly maxRetries?: number
  /**
   * Folded states kept between commands (see `StateCache`): the first attempt
   * decides on the cached state without reading, a conflict reads only what
   * was appended since. Without it every attempt reads the whole stream.
   */
  readonly cache?: StateCache<State>
}

type ToDecideOn<State> = {
  readonly state: State
  readonly revision: StreamRevision
  /** Decided on the cache without a read: a refusal or a no-op must be checked on the stream. */
  readonly fromCache: boolean
}

/**
 * The state to decide on: the cache's on a first attempt, and on a retry
 * after a refusal that brought the cache up to date (see `caughtUp`); else
 * read from the store (only what follows the cached revision).
 */
const stateToDecideOn = async <Command, Event, State, Context>(
  options: HandleCommandOptions<Command, Event, State, Context>,
  attempt: number,
  caughtUp: boolean,
): Promise<ToDecideOn<State>> => {
  const { store, decider, codec, streamId, cache } = options
  if (cache === undefined) return { ...(await loadStream(store, decider, codec, streamId)), fromCache: false }
  const cached = cache.get(streamId)
  if ((attempt === 0 || caughtUp) && cached !== undefined)
    return { state: cached.state, revision: cached.revision, fromCache: attempt === 0 }
  return { ...(await loadCachedState(store, decider, codec, streamId, cache)), fromCache: false }
}

type Decided<State, Event> = ToDecideOn<State> & {
  readonly decision: E.Either<DomainError, readonly Event[]>
}

/**
 * The decision, on the cached state first. A refusal or a no-op appends
 * nothing, so no expected revision would catch a stale cache (another
 * process wrote since): those are decided again on the stream brought up to
 * date, which reads only what was appended since (usually nothing).
 */
const decide = async <Command, Event, State, Context>(
  options: HandleCommandOptions<Command, Event, State, Context>,
  attempt: number,
  caughtUp: boolean,
): Promise<Decided<State, Event>> => {
  const { store, decider, codec, streamId, command, context, cache } = options
  const first = await stateToDecideOn(options, attempt, caughtUp)
  const decision = decider.decide(command, first.state, context)
  const writes = E.isRight(decision) && decision.right.length > 0
  if (writes || !first.fromCache || cache === undefined) return { ...first, decision }
  const current = await loadCachedState(store, decider, codec, streamId, cache)
  return current.revision === first.revision
    ? { ...first, decision }
    : { ...current, fromCache: false, decision: decider.decide(command, current.state, context) }
}

/**
 * After a refused write: when the store handed over the events that follow
 * the revision decided on (`WrongExpectedVersionError.following`), folds
 * them into the cache so the retry decides without reading: behind a
 * round-robin balancer, another process answered this candidate last and
 * this process's cache follower had not read it yet. One refused write
 * instead of a look at the head and a read. Answers whether the cache is
 * now up to date.
 */
const catchUp = <Command, Event, State, Context>(
  options: HandleCommandOptions<Command, Event, State, Context>,
  decidedOn: { readonly state: State; readonly revision: StreamRevision },
  refusal: WrongExpectedVersionError,
): boolean => {
  const { cache, decider, codec, streamId } = options
  const [first] = refusal.following
  if (cache === undefined || first?.revision !== nextRevision(decidedOn.revision)) return false
  foldIntoCache(decider, codec, streamId, cache, decidedOn, refusal.following)
  return true
}

/**
 * Load → fold → decide → append with the exact expected revision. A conflict
 * means another writer won, so the command is decided again on the newer
 * state (bounded). Errors other than a conflict (lost connection, malformed
 * stored event) are thrown: their outcome is unknown and the caller retries
 * with the same command id. Every command of the application goes through
 * here, cached (exam sittings and sessions) or not.
 */
export const handleCommand = async <Command, Event, State, Context>(
  options: HandleCommandOptions<Command, Event, State, Context>,
): Promise<E.Either<DomainError, CommandResult<Event>>> => {
  const { store, decider, codec, streamId, commandId, cache, maxRetries = 5 } = options
  const eventIdFor = options.eventIdFor ?? defaultEventIdFor
  let caughtUp = false
  for (let attempt = 0; attempt <= maxRetries; attempt++) {
    if (attempt > 0) await pause(conflictBackoffMs(attempt - 1))
    const decided: Decided<State, Event> = await decide(options, attempt, caughtUp)
    const { state, revision, decision } = decided
    if (E.isLeft(decision)) return decision
    const events = decision.right
    if (events.length === 0) return E.right({ events, nextExpectedRevision: revision })
    const newEvents: NewEvent[] = events.map((event, index) => ({
      id: eventIdFor({ streamId, revision, index, ...(commandId === undefined ? {} : { commandId }) }),
      ...encodeEvent(codec, event),
    }))
    try {
      const result = await store.appendToStream(streamId, newEvents, revision, options.eventContext)
      cache?.set(streamId, {
        state: events.reduce(decider.evolve, state),
        revision: result.nextExpectedRevision,
      })
      return E.right({ events, nextExpectedRevision: result.nextExpectedRevision, position: result.position })
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        caughtUp = catchUp(options, decided, error)
        continue
      }
      // Anything else leaves the stream's state unknown here: the next command reads it again.
      cache?.delete(streamId)
      if (error instanceof DuplicateEventIdError && commandId !== undefined)
        return E.right(await alreadyApplied(store, codec, streamId, newEvents))
      throw error
    }
  }
  return E.left(concurrencyExhausted(streamId, maxRetries + 1))
}

/** Answers a repeated command with what it recorded the first time. */
const alreadyApplied = async <Event>(
  store: EventStore,
  codec: EventCodec<Event>,
  streamId: string,
  attempted: readonly NewEvent[],
): Promise<CommandResult<Event>> => {
  const ids = new Set(attempted.map((event) => event.id))
  const recorded = await store.readStream(streamId)
  const mine = recorded.filter((event) => ids.has(event.id))
  const last = mine[mine.length - 1]
  return {
    events: mine.map((event) => decodeRecorded(codec, event)),
    nextExpectedRevision: recorded[recorded.length - 1]?.revision ?? 'no_stream',
    ...(last === undefined ? {} : { position: last.position }),
    replayed: true,
  }
}
