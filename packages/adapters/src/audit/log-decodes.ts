import type { Position, RecordedEvent } from '../store/port.js'
import { createDecoder, DEFAULT_CATALOG, type EventCatalog } from './catalog.js'
import { type EventLog, readWholeLog } from './log.js'

/** An event the application could not read, named by place and type only (its data may be personal). */
export type UndecodableEvent = {
  readonly streamId: string
  readonly revision: bigint
  readonly type: string
  /** `unknown-type`: not an event of its stream's category; `undecodable`: its data fails the codec. */
  readonly problem: 'unknown-type' | 'undecodable'
  /** The failing field paths, never their values. */
  readonly fields: readonly string[]
}

export type LogDecodeResult = {
  readonly events: number
  /** The first `keep` undecodable events in global order. */
  readonly undecodable: readonly UndecodableEvent[]
  readonly undecodableCount: number
  /** Events in streams of no category the application knows: it never reads them, so they cannot stop it. */
  readonly unknownCategory: number
  readonly ms: number
}

/**
 * Decodes every event of the log once with the application's codecs (the
 * audit's catalog and decoder, so both agree on what "malformed" means).
 * `imtahan serve` runs it before it listens: an event the application cannot
 * decode would otherwise surface later as a failing request or a stopped
 * process runner, in the middle of a money flow. One sequential read of the
 * whole log — a cost linear in its size (docs/operators.md).
 */
export const checkLogDecodes = async (
  log: EventLog,
  options: {
    readonly catalog?: EventCatalog
    readonly keep?: number
    /** Only the events after this position (the start-up check resumes where it stopped). */
    readonly after?: Position
    /** Sees every event read, after its decoding: how the start-up check adds the hash chain. */
    readonly onEvent?: (event: RecordedEvent) => Promise<void>
  } = {},
): Promise<LogDecodeResult> => {
  const started = performance.now()
  const decode = createDecoder(options.catalog ?? DEFAULT_CATALOG)
  const keep = options.keep ?? 20
  const undecodable: UndecodableEvent[] = []
  let [events, undecodableCount, unknownCategory] = [0, 0, 0]
  for await (const recorded of readWholeLog(log, undefined, options.after)) {
    events += 1
    await options.onEvent?.(recorded)
    const decoded = decode(recorded)
    if (decoded.kind === 'decoded') continue
    if (decoded.kind === 'unknown-category') {
      unknownCategory += 1
      continue
    }
    undecodableCount += 1
    if (undecodable.length < keep)
      undecodable.push({
        streamId: recorded.streamId,
        revision: recorded.revision,
        type: recorded.type,
        problem: decoded.kind === 'invalid' ? 'undecodable' : 'unknown-type',
        fields: decoded.kind === 'invalid' ? decoded.fields : [],
      })
  }
  return {
    events,
    undecodable,
    undecodableCount,
    unknownCategory,
    ms: Math.round(performance.now() - started),
  }
}
