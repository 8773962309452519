/** The one place adapters read time from; the domain gets `now` in its context. */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

export interface TestClock extends Clock {
  set(instant: Date | string): void
  advance(milliseconds: number): void
}

/** A clock that moves only when told to, for tests of expiry and rate limits. */
export const createTestClock = (start: Date | string = '2026-05-20T08:00:00Z'): TestClock => {
  let current = new Date(start)
  return {
    now: () => new Date(current),
    set: (instant) => {
      current = new Date(instant)
    },
    advance: (milliseconds) => {
      current = new Date(current.getTime() + milliseconds)
    },
  }
}
