import { type EventStore, WrongExpectedVersionError, wrapStore } from '@imtahan/adapters'
import type { Metrics } from './metrics.js'

/**
 * The event store port with append latency and conflicts measured. Only
 * `appendToStream` is timed: it is where contention shows (a conflict is a
 * command retried), while reads are covered by the request latencies. The
 * multi-stream append (a re-score's batches) is passed through untimed: one
 * figure for hundreds of streams would only blur the per-command latency.
 */
export const instrumentEventStore = (store: EventStore, metrics: Metrics): EventStore =>
  wrapStore(store, {
    appendToStream: async (...args) => {
      const stop = metrics.appendLatency.startTimer()
      try {
        const result = await store.appendToStream(...args)
        stop({ outcome: 'ok' })
        return result
      } catch (error) {
        const conflict = error instanceof WrongExpectedVersionError
        if (conflict) metrics.appendConflicts.inc()
        stop({ outcome: conflict ? 'conflict' : 'error' })
        throw error
      }
    },
  })
