import {
  type Clock,
  createRescorer,
  decodeRecorded,
  type EventLog,
  type EventStore,
  type Position,
  SESSION,
} from '@imtahan/adapters'
import type { Blueprint } from '@imtahan/domain'
import type { RescorePlan } from './plan.js'

/** A `ScoreRevised` as it landed in the log. */
export type RecordedRevision = {
  readonly sessionId: string
  readonly reviewId: string
  readonly reason: string
  readonly oldScore: number
  readonly newScore: number
  readonly oldPassed: boolean
  readonly newPassed: boolean
  readonly streamId: string
  readonly revision: string
  /** `system:rescore` for the re-score path, whoever ran it (this command or a server beside it). */
  readonly principal: string | undefined
}

/**
 * SCO-5 `--apply`: each planned review goes through the product's own
 * re-score path (`createRescorer` = `rescoreSitting`), which re-reads the
 * sitting and the sessions and sends `ReviseScore` with the derived command
 * id `rescore:<reviewId>:<sessionId>`. The plan only chooses which reviews to
 * run; what is written is decided again on the store as it is now, so a
 * server re-scoring beside this command, a second `--apply`, or one after a
 * crash half-way records nothing twice. A store failure is thrown: the
 * caller says "run it again", and the next run picks up where this stopped.
 */
export const applyRescore = async (
  store: EventStore,
  plan: RescorePlan,
  deps: {
    readonly clock: Clock
    readonly blueprint?: Blueprint
    /** Sessions per chunk of the re-score (default the product's 1,000). */
    readonly rescoreChunkSize?: number
  },
): Promise<number> => {
  const rescore = createRescorer({
    store,
    clock: deps.clock,
    ...(deps.blueprint === undefined ? {} : { blueprint: deps.blueprint }),
    ...(deps.rescoreChunkSize === undefined ? {} : { rescoreChunkSize: deps.rescoreChunkSize }),
  })
  let revised = 0
  for (const { examId, reviewId } of plan.reviews) revised += (await rescore(examId, reviewId)).revised
  return revised
}

const PAGE = 1000

/** The revisions recorded after `head` (the last event the plan read): what was written since. */
export const revisionsAfter = async (
  log: EventLog,
  head: Position | undefined,
): Promise<RecordedRevision[]> => {
  const found: RecordedRevision[] = []
  let after = head
  for (;;) {
    const page = await log.readAll(after === undefined ? { maxCount: PAGE } : { after, maxCount: PAGE })
    for (const recorded of page) {
      if (recorded.type !== 'ScoreRevised' || !recorded.streamId.startsWith(SESSION.streamOf(''))) continue
      const event = decodeRecorded(SESSION.codec, recorded)
      if (event.type !== 'ScoreRevised') continue
      found.push({
        sessionId: event.sessionId,
        reviewId: event.reviewId,
        reason: event.reason,
        oldScore: event.oldScore,
        newScore: event.newScore,
        oldPassed: event.oldPassed,
        newPassed: event.newPassed,
        streamId: recorded.streamId,
        revision: recorded.revision.toString(),
        principal: recorded.metadata.principal,
      })
    }
    if (page.length < PAGE) return found
    after = page.at(-1)?.position
  }
}
