import {
  examSessionDecider,
  initialSessionState,
  type SessionContext,
  type SessionEvent,
  type SessionState,
  type ToSession,
} from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import { decodeRecorded, encodeEvent } from '../../command/codec.js'
import { concurrencyExhausted, defaultEventIdFor } from '../../command/handle.js'
import type { CachedState } from '../../command/state-cache.js'
import type { EventContext, StreamAppend } from '../../store/port.js'
import { SESSION } from '../shared/streams.js'
import type { ExamEnv } from './env.js'
import type { SessionTail } from './results-session-doc.js'

/** A session the review should have re-scored but whose decider refused (SCO-5): which, and why. */
export type RescoreRefusal = {
  readonly sessionId: string
  readonly code: string
  readonly message: string
  readonly details?: Readonly<Record<string, unknown>>
}

/** What a run of chunks did: sessions revised, sessions refused, and the failure that stopped it, if one did. */
export type ChunksOutcome = {
  readonly revised: number
  readonly refused: readonly RescoreRefusal[]
  readonly interrupted?: unknown
}

/** Rounds of re-reading the sessions another writer moved meanwhile, as a command's retries. */
const MAX_ROUNDS = 25

/** One chunk of a re-score: its commands and, from the results view, where each session stands. */
export type RescoreChunk = {
  readonly commands: readonly ToSession[]
  /** Where each session's `SessionEnded` is: its stream is read from there. */
  readonly endRevisions: ReadonlyMap<string, bigint>
  /** Each session's tail as the results view holds it: decided on without a read (see `SessionTail`). */
  readonly tails: ReadonlyMap<string, SessionTail>
}

export type ChunkInput = {
  /** Chunk after chunk, e.g. one per page of the results view; empty ones are skipped. */
  readonly chunks: AsyncIterable<RescoreChunk>
  readonly context: SessionContext
  readonly eventContext: EventContext
  /** The lease the run holds: once it is lost, no further chunk is sent (another holder goes on). */
  readonly lost: AbortSignal
}

type Prepared = {
  readonly appends: readonly StreamAppend[]
  readonly commandOf: ReadonlyMap<string, ToSession>
  readonly refused: readonly RescoreRefusal[]
}

const fold = (events: readonly SessionEvent[]): SessionState =>
  events.reduce(examSessionDecider.evolve, initialSessionState)

/** A session's state, the revision it was folded to and that event's hash where known. */
type KnownSession = CachedState<SessionState> & { readonly hash?: string | undefined }
/** Each session as known, by stream id. */
type Known = ReadonlyMap<string, KnownSession>

/** Reads every session of `commands` from its `SessionEnded` on, in one call. */
const readKnown = async (
  exam: ExamEnv,
  chunk: RescoreChunk,
  commands: readonly ToSession[],
): Promise<Known> => {
  const tails = await exam.store.readStreams(
    commands.map(({ streamId }) => ({
      streamId: SESSION.streamOf(streamId),
      fromRevision: chunk.endRevisions.get(streamId) ?? 0n,
    })),
  )
  const known = new Map<string, KnownSession>()
  for (const [streamId, tail] of tails)
    known.set(streamId, {
      state: fold(tail.map((event) => decodeRecorded(SESSION.codec, event))),
      revision: tail.at(-1)?.revision ?? 'no_stream',
      hash: tail.at(-1)?.metadata.hash,
    })
  return known
}

/** The view's tails where it has them (no read at all); only the sessions without one are read. */
const viewKnown = async (exam: ExamEnv, chunk: RescoreChunk): Promise<Known> => {
  const untailed = chunk.commands.filter(({ streamId }) => !chunk.tails.has(streamId))
  const known = new Map(untailed.length === 0 ? [] : await readKnown(exam, chunk, untailed))
  for (const { streamId } of chunk.commands) {
    const tail = chunk.tails.get(streamId)
    if (tail !== undefined)
      known.set(SESSION.streamOf(streamId), {
        state: fold(tail.events),
        revision: tail.head,
        hash: tail.headHash,
      })
  }
  return known
}

/**
 * Decides every session of `commands` as the command handler would (same
 * decider, same derived event ids `rescore:<reviewId>:<sessionId>`), at the
 * revision its state was folded to, which the append then expects.
 */
const decideChunk = (
  exam: ExamEnv,
  input: ChunkInput,
  commands: readonly ToSession[],
  known: Known,
): Prepared => {
  const appends: StreamAppend[] = []
  const commandOf = new Map<string, ToSession>()
  const refused: RescoreRefusal[] = []
  for (const command of commands) {
    const streamId = SESSION.streamOf(command.streamId)
    const { state, revision, hash } = known.get(streamId) ?? {
      state: initialSessionState,
      revision: 'no_stream',
    }
    const decision = examSessionDecider.decide(command.command, state, input.context)
    if (E.isLeft(decision)) {
      const { code, message, details } = decision.left
      exam.logger?.warn({ sessionId: command.streamId, refusal: code }, 're-score step refused')
      refused.push({
        sessionId: command.streamId,
        code,
        message,
        ...(details === undefined ? {} : { details }),
      })
      continue
    }
    if (decision.right.length === 0) continue
    const events = decision.right.map((event, index) => ({
      id: defaultEventIdFor({ streamId, revision, index, commandId: command.commandId }),
      ...encodeEvent(SESSION.codec, event),
    }))
    appends.push({
      streamId,
      events,
      expected: revision,
      ...(hash === undefined ? {} : { expectedHash: hash }),
    })
    commandOf.set(streamId, command)
  }
  return { appends, commandOf, refused }
}

/**
 * A chunk decided on the view's tails (the first try), or the sessions of it
 * that `moved` decided again on their streams as read now (after a conflict).
 */
const prepare = async (
  exam: ExamEnv,
  input: ChunkInput,
  chunk: RescoreChunk,
  moved?: readonly ToSession[],
): Promise<Prepared> =>
  moved === undefined
    ? decideChunk(exam, input, chunk.commands, await viewKnown(exam, chunk))
    : decideChunk(exam, input, moved, await readKnown(exam, chunk, moved))

/**
 * Appends a prepared chunk in one multi-stream append. A session another
 * writer moved meanwhile is read and decided again (only those); one revised
 * before (an earlier, interrupted run) decides nothing or is answered as a
 * repeat, so it is never counted or written twice.
 */
const commit = async (exam: ExamEnv, input: ChunkInput, chunk: RescoreChunk, prepared: Prepared) => {
  const refused = [...prepared.refused]
  let revised = 0
  let current = prepared
  for (let round = 1; current.appends.length > 0; round++) {
    const outcomes = await exam.store.appendToStreams(current.appends, input.eventContext)
    const moved: ToSession[] = []
    for (const outcome of outcomes) {
      if (outcome.ok) revised += 1
      // A reused id is this very revision, recorded before: nothing to do.
      else if (outcome.error.code === 'store.wrong_expected_version')
        moved.push(current.commandOf.get(outcome.streamId)!)
    }
    if (moved.length === 0) break
    if (round >= MAX_ROUNDS) throw new Error(concurrencyExhausted(moved[0]!.streamId, MAX_ROUNDS).message)
    current = await prepare(exam, input, chunk, moved)
    refused.push(...current.refused)
  }
  return { revised, refused }
}

/** Chunk appends in flight at once: the database writes one while the next is hashed and sent. */
const APPENDS_IN_FLIGHT = 2

/**
 * The re-score's chunks, each decided on the results view's tails (no
 * read; a session without one is read, in one multi-stream read) and
 * written in one multi-stream append, pipelined: the next chunk is read
 * from the view and decided while up to `APPENDS_IN_FLIGHT` are appended
 * (chunks hold distinct sessions, so their appends never meet), and the
 * database and Node work side by side. A refusal of the decider is reported
 * for its session and the rest go on; a failure of the store stops the run
 * (`interrupted`): no chunk is sent after it, and the answer counts what the
 * chunks that did land revised.
 */
export const rescoreInChunks = async (exam: ExamEnv, input: ChunkInput): Promise<ChunksOutcome> => {
  const chunks = input.chunks[Symbol.asyncIterator]()
  /** The next chunk with commands, decided; `undefined` after the last. */
  const nextChunk = async (): Promise<{ chunk: RescoreChunk; prepared: Prepared } | undefined> => {
    for (let step = await chunks.next(); step.done !== true; step = await chunks.next())
      if (step.value.commands.length > 0)
        return { chunk: step.value, prepared: await prepare(exam, input, step.value) }
    return undefined
  }
  const ahead = () => {
    const next = nextChunk()
    // Awaited below, or dropped after a failure of the chunk before it: never an unhandled rejection.
    next.catch(() => {})
    return next
  }
  let revised = 0
  const refused: RescoreRefusal[] = []
  let failure: { readonly cause: unknown } | undefined
  const inFlight = new Set<Promise<void>>()
  const send = (chunk: RescoreChunk, prepared: Prepared) => {
    const sent: Promise<void> = commit(exam, input, chunk, prepared).then(
      (done) => {
        revised += done.revised
        refused.push(...done.refused)
      },
      (cause: unknown) => {
        failure ??= { cause }
      },
    )
    inFlight.add(sent)
    void sent.finally(() => inFlight.delete(sent))
  }
  try {
    for (let next = ahead(); ; ) {
      const decided = await next
      // A chunk in flight may have failed meanwhile: nothing is sent after a failure.
      if (decided === undefined || failure !== undefined) break
      if (input.lost.aborted) throw new Error('The re-score lease was lost; its next holder goes on.')
      // The chunk after this one is read and decided while this one is appended.
      next = ahead()
      send(decided.chunk, decided.prepared)
      while (inFlight.size >= APPENDS_IN_FLIGHT) await Promise.race(inFlight)
    }
  } catch (cause) {
    failure ??= { cause }
  }
  await Promise.all(inFlight)
  await chunks.return?.()
  return failure === undefined ? { revised, refused } : { revised, refused, interrupted: failure.cause }
}
