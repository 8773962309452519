import {
  examSessionDecider,
  initialSessionState,
  type SessionContext,
  type SessionState,
  type ToSession,
} from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import { decodeRecorded, encodeEvent } from '../../command/codec.js'
import { concurrencyExhausted, defaultEventIdFor } from '../../command/handle.js'
import type { EventContext, RecordedEvent, StreamAppend } from '../../store/port.js'
import { SESSION } from '../shared/streams.js'
import type { ExamEnv } from './env.js'

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

export type ChunkInput = {
  readonly commands: readonly ToSession[]
  /** Where each session's `SessionEnded` is (from the results view): its stream is read from there. */
  readonly endRevisions: ReadonlyMap<string, bigint>
  readonly context: SessionContext
  readonly eventContext: EventContext
  readonly chunkSize: number
  /** The lease the run holds: once it is lost, no further chunk is sent (another holder goes on). */
  readonly lost: AbortSignal
}

type Prepared = {
  readonly appends: readonly StreamAppend[]
  readonly commandOf: ReadonlyMap<string, ToSession>
  readonly refused: readonly RescoreRefusal[]
}

const foldTail = (tail: readonly RecordedEvent[]): SessionState => {
  let state = initialSessionState
  for (const event of tail) state = examSessionDecider.evolve(state, decodeRecorded(SESSION.codec, event))
  return state
}

/**
 * Reads every session of `commands` from its `SessionEnded` on in one call
 * and decides each as the command handler would (same decider, same derived
 * event ids `rescore:<reviewId>:<sessionId>`), at the revision it read.
 */
const prepare = async (
  exam: ExamEnv,
  input: ChunkInput,
  commands: readonly ToSession[],
): Promise<Prepared> => {
  const tails = await exam.store.readStreams(
    commands.map(({ streamId }) => ({
      streamId: SESSION.streamOf(streamId),
      fromRevision: input.endRevisions.get(streamId) ?? 0n,
    })),
  )
  const appends: StreamAppend[] = []
  const commandOf = new Map<string, ToSession>()
  const refused: RescoreRefusal[] = []
  for (const command of commands) {
    const streamId = SESSION.streamOf(command.streamId)
    const tail = tails.get(streamId) ?? []
    const decision = examSessionDecider.decide(command.command, foldTail(tail), input.context)
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
    const revision = tail.at(-1)?.revision ?? 'no_stream'
    const events = decision.right.map((event, index) => ({
      id: defaultEventIdFor({ streamId, revision, index, commandId: command.commandId }),
      ...encodeEvent(SESSION.codec, event),
    }))
    appends.push({ streamId, events, expected: revision })
    commandOf.set(streamId, command)
  }
  return { appends, commandOf, refused }
}

/**
 * Appends a prepared chunk in one multi-stream append. A session another
 * writer moved meanwhile is read and decided again (only those); one revised
 * before (an earlier, interrupted run) decides nothing or is answered as a
 * repeat, so it is never counted or written twice.
 */
const commit = async (exam: ExamEnv, input: ChunkInput, prepared: Prepared) => {
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
    current = await prepare(exam, input, moved)
    refused.push(...current.refused)
  }
  return { revised, refused }
}

/**
 * The re-score's commands in chunks of `chunkSize` sessions, two round trips
 * each (one multi-stream read, one multi-stream append), pipelined: the
 * next chunk is read and decided while the current one is appended, so the
 * database and Node work side by side. A refusal of the decider is reported
 * for its session and the rest go on; a failure of the store stops the run
 * (`interrupted`) with what whole chunks revised before it.
 */
export const rescoreInChunks = async (exam: ExamEnv, input: ChunkInput): Promise<ChunksOutcome> => {
  const { commands, chunkSize } = input
  const chunkAt = (from: number) => {
    const prepared = prepare(exam, input, commands.slice(from, from + chunkSize))
    // Awaited below, or dropped after a failure of the chunk before it: never an unhandled rejection.
    prepared.catch(() => {})
    return prepared
  }
  let revised = 0
  const refused: RescoreRefusal[] = []
  let next = commands.length > 0 ? chunkAt(0) : undefined
  try {
    for (let from = 0; next !== undefined; from += chunkSize) {
      const prepared = await next
      if (input.lost.aborted) throw new Error('The re-score lease was lost; its next holder goes on.')
      next = from + chunkSize < commands.length ? chunkAt(from + chunkSize) : undefined
      const done = await commit(exam, input, prepared)
      revised += done.revised
      refused.push(...done.refused)
    }
  } catch (interrupted) {
    return { revised, refused, interrupted }
  }
  return { revised, refused }
}
