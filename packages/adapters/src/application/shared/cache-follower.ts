import type { EventStore, Position, RecordedEvent } from '../../store/port.js'
import { wrapStore } from '../../store/wrap-store.js'
import { pause } from '../../views/follow.js'

/** What the follower keeps in step: `CachedStreams.follow`. */
export type FollowsLog = { readonly follow: (event: RecordedEvent) => void }

export type CacheFollowerOptions = {
  /** Pause between reads while the log moves (default 25 ms). */
  readonly busyMs?: number
  /** Longest pause when nothing new was read for a while (default 500 ms). */
  readonly idleMs?: number
  readonly onError?: (error: unknown) => void
}

export type CacheFollower = {
  /** The store to write through: notes where this process's first write landed (where following starts). */
  readonly store: EventStore
  /** Follows the log into `targets` until `signal` aborts. */
  readonly run: (targets: readonly FollowsLog[], signal: AbortSignal) => Promise<void>
}

const BATCH = 500

/**
 * Keeps this process's cached sittings and sessions in step with what the
 * other processes on the database write. Behind a round-robin balancer a
 * candidate's next answer usually reaches another process than the last;
 * without this, that process's cached session is one answer behind and the
 * answer costs a refused write before its write. The follower reads the
 * global log every `busyMs` (slowing to `idleMs` when nothing moves) and
 * folds each event into a cached entry it is the next one of. Only an
 * optimisation: every command still appends on its expected revision.
 *
 * It starts after this process's first write, not at the log's start: the
 * caches begin empty and fill by reading, so older events are of no use,
 * and any an entry missed show up as a gap (the entry is dropped and read).
 */
export const createCacheFollower = (store: EventStore, options: CacheFollowerOptions = {}): CacheFollower => {
  const busyMs = options.busyMs ?? 25
  const idleMs = options.idleMs ?? 500
  let from: Position | undefined
  const noted = <T extends { readonly position: Position }>(result: T): T => {
    from ??= result.position
    return result
  }
  return {
    store: wrapStore(store, {
      appendToStream: async (...args) => noted(await store.appendToStream(...args)),
    }),
    run: async (targets, signal) => {
      let wait = busyMs
      while (!signal.aborted) {
        let read = 0
        if (from !== undefined)
          try {
            const batch = await store.readAll({ after: from, maxCount: BATCH })
            for (const event of batch) for (const target of targets) target.follow(event)
            read = batch.length
            from = batch.at(-1)?.position ?? from
          } catch (error) {
            options.onError?.(error)
          }
        if (read === BATCH) continue
        wait = read > 0 ? busyMs : Math.min(idleMs, wait * 2)
        await pause(wait, signal)
      }
    },
  }
}
