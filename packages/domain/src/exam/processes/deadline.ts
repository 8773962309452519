import { openSessions, rowDeadline, type SittingResults } from '../sitting/results.js'
import { type ToSession, toSession } from './envelopes.js'

/**
 * EXM-16: a scheduler tick at `now` closes every session of the sitting
 * still open past its deadline (pauses and extensions included). The
 * command id names the session only: `CloseIfDue` is a no-op once the end is
 * recorded, so repeated ticks are harmless.
 */
export const deadlineProcess = (now: Date, results: SittingResults): readonly ToSession[] =>
  openSessions(results)
    .filter((row) => {
      const deadline = rowDeadline(results, row, now)
      return row.pausedSince === undefined && deadline !== undefined && now.getTime() >= deadline.getTime()
    })
    .map((row) =>
      toSession(`deadline:${row.sessionId}`, row.sessionId, { type: 'CloseIfDue', sessionId: row.sessionId }),
    )
