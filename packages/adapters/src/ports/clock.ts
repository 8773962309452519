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

/**
 * Dev mode's clock: real time plus an offset that only grows, so a whole exam
 * fits in minutes. With several processes on one database the offset lives
 * there (store/sql/dev-clock.ts): `refresh` before each request reads what another
 * process moved it to, `publish` after a move makes it everyone's.
 */
export interface DevClock extends Clock {
  /** Moves the clock forward by `milliseconds` (> 0); returns the new now. */
  advance(milliseconds: number): Date
  /** Moves the clock forward to `instant`; a RangeError if that is not after now (the clock never goes back). */
  moveTo(instant: Date): Date
  /** How far ahead of real time the clock is, in milliseconds. */
  offset(): number
  /** Catches up with the offset shared with other processes, if any (never moves back). */
  refresh(): Promise<void>
  /** Shares this process's offset with the other processes, if any; a later move by another wins. */
  publish(): Promise<void>
}

/** Where several processes keep one dev clock offset: read it, and raise it (never lower) returning the result. */
export interface DevClockOffsets {
  read(): Promise<number>
  raise(offsetMs: number): Promise<number>
}

/**
 * A dev clock over `real` (the system clock by default), starting at real
 * time, or at the offset in `shared` once refreshed; without `shared` it is
 * this process's alone.
 */
export const createDevClock = (real: Clock = systemClock, shared?: DevClockOffsets): DevClock => {
  let offset = 0
  const now = () => new Date(real.now().getTime() + offset)
  const moveTo = (instant: Date) => {
    const by = instant.getTime() - now().getTime()
    if (!Number.isFinite(by) || by <= 0)
      throw new RangeError(`the dev clock only moves forward; it is already ${now().toISOString()}`)
    offset += by
    return now()
  }
  // Max, not assignment: a refresh that read before this process's own publish landed must not undo it.
  const adopt = (stored: number) => {
    offset = Math.max(offset, stored)
  }
  return {
    now,
    moveTo,
    advance: (milliseconds) => moveTo(new Date(now().getTime() + milliseconds)),
    offset: () => offset,
    refresh: async () => {
      if (shared !== undefined) adopt(await shared.read())
    },
    publish: async () => {
      if (shared !== undefined) adopt(await shared.raise(offset))
    },
  }
}
