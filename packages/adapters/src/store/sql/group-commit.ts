/**
 * Group commit: conditional writes to *different* streams that wait while
 * earlier statements are in flight go out together as one statement, so they
 * share one round trip and one commit (one WAL flush). On a small machine the
 * per-statement costs — a socket write and wake-up on each side, parse/bind,
 * the commit — outweigh the rows themselves, so eight writers appending one
 * event each are much cheaper as one statement than as eight.
 *
 * Each write keeps its own outcome: the combined statement moves each stream's
 * head only where it still is where that writer looked, and reports which
 * streams it wrote. Nothing is acknowledged before the statement (and so the
 * commit) returns.
 */

export type GroupCommitOptions<W, R> = {
  /** Statements in flight at once; writes arriving meanwhile wait and are combined. */
  readonly maxInFlight: number
  /** A group stops growing past this many events (a lone larger write still goes alone). */
  readonly maxEvents: number
  readonly streamOf: (write: W) => string
  readonly sizeOf: (write: W) => number
  /** One write alone: its outcome, or a throw that belongs to it. */
  readonly runOne: (write: W) => Promise<R>
  /**
   * Several writes to distinct streams in one statement: the outcome of each,
   * in order. If it throws, every write is run again alone (see below).
   */
  readonly runMany: (writes: readonly W[]) => Promise<readonly R[]>
}

type Pending<W, R> = {
  readonly write: W
  readonly resolve: (outcome: R) => void
  readonly reject: (error: unknown) => void
}

export const createGroupCommit = <W, R>(options: GroupCommitOptions<W, R>) => {
  const queue: Pending<W, R>[] = []
  // Streams in a statement now. A second write to one of them waits for it, so
  // two statements of this process never lock the same stream (no deadlock
  // between our own groups, and the later write sees the earlier's result).
  const busy = new Set<string>()
  let inFlight = 0
  let flushScheduled = false

  /** The oldest waiting writes to distinct, idle streams, up to the event budget. */
  const takeGroup = (): Pending<W, R>[] => {
    const group: Pending<W, R>[] = []
    const streams = new Set<string>()
    let events = 0
    for (let index = 0; index < queue.length; ) {
      const pending = queue[index]!
      const stream = options.streamOf(pending.write)
      const size = options.sizeOf(pending.write)
      const fits = group.length === 0 || events + size <= options.maxEvents
      if (busy.has(stream) || streams.has(stream) || !fits) {
        index++
        continue
      }
      queue.splice(index, 1)
      group.push(pending)
      streams.add(stream)
      events += size
    }
    return group
  }

  const settleAlone = async (pending: Pending<W, R>) => {
    try {
      pending.resolve(await options.runOne(pending.write))
    } catch (error) {
      pending.reject(error)
    }
  }

  /**
   * A failed combined statement wrote nothing (it is one transaction), but the
   * failure may belong to one write only (a unique violation, a value the
   * database refuses, a deadlock with another process). So each write is run
   * again alone and gets its own answer. Even if the failure came after the
   * commit (a lost connection), re-running is safe: the writes are
   * conditional, so they are refused and the append finds its events by id.
   */
  const run = async (group: readonly Pending<W, R>[]) => {
    if (group.length === 1) return settleAlone(group[0]!)
    let outcomes: readonly R[]
    try {
      outcomes = await options.runMany(group.map((pending) => pending.write))
    } catch {
      await Promise.all(group.map(settleAlone))
      return
    }
    for (const [index, pending] of group.entries()) pending.resolve(outcomes[index]!)
  }

  const flush = () => {
    flushScheduled = false
    while (inFlight < options.maxInFlight) {
      const group = takeGroup()
      if (group.length === 0) return
      inFlight++
      const streams = group.map((pending) => options.streamOf(pending.write))
      for (const stream of streams) busy.add(stream)
      void run(group).finally(() => {
        inFlight--
        for (const stream of streams) busy.delete(stream)
        schedule()
      })
    }
  }

  // One turn of the event loop lets every writer woken by the same reply (or
  // started together) join the group before it is sent.
  const schedule = () => {
    if (flushScheduled || queue.length === 0 || inFlight >= options.maxInFlight) return
    flushScheduled = true
    setImmediate(flush)
  }

  return {
    write: (write: W): Promise<R> =>
      new Promise<R>((resolve, reject) => {
        queue.push({ write, resolve, reject })
        schedule()
      }),
  }
}
