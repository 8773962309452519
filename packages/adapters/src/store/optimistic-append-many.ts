import type { Clock } from '../ports/clock.js'
import {
  checkStreamBatches,
  expectationHolds,
  nextRevision,
  resolveKnownIds,
  type StreamHead,
} from './append-rules.js'
import { type ChainedEvent, chainEvents } from './hash-chain.js'
import type { StreamGuess, StreamSnapshot } from './optimistic-append.js'
import {
  DuplicateEventIdError,
  type EventContext,
  type Position,
  type StreamAppend,
  type StreamAppendOutcome,
  WrongExpectedVersionError,
} from './port.js'

/** One stream's chained events, to be written only if the stream is still at `head`. */
export type ChainedWrite = {
  readonly streamId: string
  readonly events: readonly ChainedEvent[]
  readonly head: StreamHead
}

export type AppendManySteps = {
  /** As in `AppendSteps`: a belief that costs no round trip, only ever used to try a write. */
  readonly guess?: (append: StreamAppend) => StreamGuess | undefined
  /** Every listed stream's snapshot, in one look; `ids` are the batch's ids (lower-case). */
  readonly snapshots: (
    streams: readonly { readonly streamId: string; readonly ids: readonly string[] }[],
  ) => Promise<ReadonlyMap<string, StreamSnapshot>>
  /**
   * Writes the streams still at their `head`, all in one atomic step, and
   * answers per write where its last event is, or `'lost_race'` (nothing
   * written for that stream) if it moved.
   */
  readonly writeMany: (writes: readonly ChainedWrite[]) => Promise<readonly (Position | 'lost_race')[]>
}

/** Lost races are retried; this bound only keeps a livelock from hanging a caller for ever. */
const MAX_ATTEMPTS = 100

type Outcomes = Map<string, StreamAppendOutcome>

const chainedFor = (
  append: StreamAppend,
  head: StreamHead,
  lastHash: string | null,
  at: string,
  context?: EventContext,
) => chainEvents(append.streamId, append.events, nextRevision(head), lastHash, at, context)

/** Writes `writes`, records the winners in `outcomes`, answers the streams that lost their race. */
const writeAndRecord = async (
  steps: AppendManySteps,
  writes: readonly ChainedWrite[],
  outcomes: Outcomes,
) => {
  if (writes.length === 0) return new Set<string>()
  const written = await steps.writeMany(writes)
  const lost = new Set<string>()
  for (const [index, write] of writes.entries()) {
    const position = written[index]!
    if (position === 'lost_race') lost.add(write.streamId)
    else
      outcomes.set(write.streamId, {
        streamId: write.streamId,
        ok: true,
        result: { nextExpectedRevision: write.events.at(-1)!.revision, position },
      })
  }
  return lost
}

/** One stream decided on a fresh snapshot: its outcome now, or the write to try. */
const decide = async (
  append: StreamAppend,
  stream: StreamSnapshot,
  at: string,
  context: EventContext | undefined,
): Promise<StreamAppendOutcome | ChainedWrite> => {
  const { streamId, events, expected } = append
  const refused = (error: WrongExpectedVersionError | DuplicateEventIdError) =>
    ({ streamId, ok: false, error }) as const
  const revisions = new Map([...stream.known].map(([id, known]) => [id, known.revision]))
  let resolution: ReturnType<typeof resolveKnownIds>
  try {
    resolution = resolveKnownIds(streamId, events, expected, revisions)
  } catch (error) {
    if (error instanceof DuplicateEventIdError) return refused(error)
    throw error
  }
  if (resolution.kind === 'already_appended') {
    const last = stream.known.get(events.at(-1)!.id.toLowerCase())!
    return { streamId, ok: true, result: { nextExpectedRevision: last.revision, position: last.position } }
  }
  if (!expectationHolds(expected, stream.head))
    return refused(new WrongExpectedVersionError(streamId, expected, stream.head))
  if (events.length === 0)
    return {
      streamId,
      ok: true,
      result: {
        nextExpectedRevision: stream.head === 'no_stream' ? -1n : stream.head,
        position: await stream.lastPosition(),
      },
    }
  return {
    streamId,
    events: chainedFor(append, stream.head, stream.lastHash, at, context),
    head: stream.head,
  }
}

/**
 * `appendOptimistically` for many streams at once: one look at every stream,
 * each decided in TypeScript with the single-stream rules, then one
 * conditional write of all the accepted ones. A stream that moved meanwhile
 * is looked at and decided again (alone with the other losers); a stream
 * whose expectation fails is refused on its own. Guesses, when the store has
 * them, let the usual batch (a re-score writing where it just read) go out
 * without the look.
 */
export const appendManyOptimistically = async (
  appends: readonly StreamAppend[],
  context: EventContext | undefined,
  clock: Clock,
  steps: AppendManySteps,
): Promise<readonly StreamAppendOutcome[]> => {
  checkStreamBatches(appends)
  const outcomes: Outcomes = new Map()
  let pending = appends
  const guessed: ChainedWrite[] = []
  const at = clock.now().toISOString()
  for (const append of appends) {
    const guess = append.events.length > 0 ? steps.guess?.(append) : undefined
    if (guess && expectationHolds(append.expected, guess.head))
      guessed.push({
        streamId: append.streamId,
        events: chainedFor(append, guess.head, guess.lastHash, at, context),
        head: guess.head,
      })
  }
  if (guessed.length > 0) {
    await writeAndRecord(steps, guessed, outcomes)
    pending = appends.filter((append) => !outcomes.has(append.streamId))
  }
  for (let attempt = 1; pending.length > 0; attempt++) {
    if (attempt > MAX_ATTEMPTS)
      throw new Error(`Append to ${pending[0]!.streamId} lost ${MAX_ATTEMPTS} races in a row`)
    const snapshots = await steps.snapshots(
      pending.map(({ streamId, events }) => ({
        streamId,
        ids: events.map((event) => event.id.toLowerCase()),
      })),
    )
    const now = clock.now().toISOString()
    const writes: ChainedWrite[] = []
    for (const append of pending) {
      const decided = await decide(append, snapshots.get(append.streamId)!, now, context)
      if ('ok' in decided) outcomes.set(append.streamId, decided)
      else writes.push(decided)
    }
    const lost = await writeAndRecord(steps, writes, outcomes)
    pending = pending.filter((append) => lost.has(append.streamId))
  }
  return appends.map((append) => outcomes.get(append.streamId)!)
}
