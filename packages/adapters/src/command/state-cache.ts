import type { StreamRevision } from './revision.js'

/** A stream's folded state at a revision. */
export type CachedState<State> = {
  readonly state: State
  readonly revision: StreamRevision
}

/**
 * Folded states of recently used streams, keyed by stream id, so a session
 * with 150 answers is not read back for its 151st. Only an optimisation:
 * `handleCommand` appends with the cached revision as the expected one, so a
 * stale entry costs a conflict and the events after it (handed over by the
 * refusal on SQL stores, read otherwise), never a wrong write. The oldest
 * entry goes when `maxEntries` is passed.
 */
export type StateCache<State> = {
  readonly get: (streamId: string) => CachedState<State> | undefined
  readonly set: (streamId: string, entry: CachedState<State>) => void
  readonly delete: (streamId: string) => void
}

export const createStateCache = <State>(maxEntries = 100_000): StateCache<State> => {
  const entries = new Map<string, CachedState<State>>()
  return {
    get: (streamId) => entries.get(streamId),
    set: (streamId, entry) => {
      entries.delete(streamId)
      entries.set(streamId, entry)
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string)
    },
    delete: (streamId) => void entries.delete(streamId),
  }
}
