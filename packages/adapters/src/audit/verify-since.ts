import type { Position, RecordedEvent } from '../store/port.js'
import { chainStep } from './checks/hash-chain.js'
import type { Finding } from './finding.js'
import type { EventLog } from './log.js'
import { checkLogDecodes, type LogDecodeResult } from './log-decodes.js'

export type LogVerifyResult = LogDecodeResult & {
  /** Hash-chain breaks among the events read (changed, inserted, missing, reordered): the first few. */
  readonly chain: readonly Finding[]
  readonly chainCount: number
  /** The last event read, or `after` when nothing followed it: where the next check starts. */
  readonly last: Position | undefined
}

type Cursor = Parameters<typeof chainStep>[0] extends Map<string, infer C> ? C : never

/**
 * What `imtahan serve` checks before it listens, from `after` on: each event
 * decodes (`checkLogDecodes`) and links onto its stream's hash chain
 * (`chainStep`, the audit's own step). A stream first met part-way is
 * anchored on the one event before it (`readStream`, never the global log),
 * so the cost follows the events written since the last check, not the
 * history. The whole-log audit stays `imtahan audit`.
 */
export const verifyLogSince = async (
  log: EventLog,
  after: Position | undefined,
  options: { readonly keep?: number } = {},
): Promise<LogVerifyResult> => {
  const keep = options.keep ?? 20
  const cursors = new Map<string, Cursor>()
  const chain: Finding[] = []
  let chainCount = 0
  let last = after
  const anchor = async (event: RecordedEvent) => {
    if (cursors.has(event.streamId) || event.revision === 0n || after === undefined) return
    const [before] = await log.readStream(event.streamId, { fromRevision: event.revision - 1n, maxCount: 1 })
    if (before?.revision === event.revision - 1n)
      cursors.set(event.streamId, {
        nextRevision: event.revision,
        previousHash: before.metadata.hash,
        gaps: [],
      })
  }
  const decoded = await checkLogDecodes(log, {
    ...options,
    ...(after === undefined ? {} : { after }),
    onEvent: async (event) => {
      await anchor(event)
      const found = chainStep(cursors, event)
      chainCount += found.length
      for (const finding of found) if (chain.length < keep) chain.push(finding)
      last = event.position
    },
  })
  return { ...decoded, chain, chainCount, last }
}
