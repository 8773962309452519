import { comparePositions, type Position, type RecordedEvent } from './port.js'

/**
 * A page of `readAll({ after })` began at or before `after`: the store does
 * not honour the port's "strictly after", so a reader paging to the end of
 * the log would read the same page for ever.
 */
export class LogReadStalledError extends Error {
  override name = 'LogReadStalledError'
  constructor(reader: string, after: Position, first: Position) {
    super(
      `${reader}: the event store answered a read after ${after.commit}/${after.prepare} with an event at ` +
        `${first.commit}/${first.prepare}; it does not page forwards, so the read would never reach the end of the log`,
    )
  }
}

/**
 * Every loop that pages the global log to its end calls this on each page
 * before moving on. Without it a store (or a wrapper of one) that ignores
 * `after` keeps such a loop busy for ever — and when the store answers
 * without real I/O (PGlite, memory, a test double) each turn resolves as a
 * microtask, so no timer, signal or health probe ever runs: the process sits
 * at 100 % CPU and never says why. With it the read fails, naming the reader.
 */
export const checkPageAdvances = (
  reader: string,
  page: readonly RecordedEvent[],
  after: Position | undefined,
): void => {
  const first = page[0]
  if (first === undefined || after === undefined) return
  if (comparePositions(first.position, after) <= 0)
    throw new LogReadStalledError(reader, after, first.position)
}
