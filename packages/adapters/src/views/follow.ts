import type { Leases } from '../runner/lease.js'
import { awaitLease } from '../runner/lease.js'
import type { ProjectionRunner } from './runner.js'

/** What a follower calls: a `ProjectionRunner`, or anything that catches views up the same way. */
export type CatchingUp = Pick<ProjectionRunner, 'catchUp'> | { readonly catchUp: () => Promise<unknown> }

export type FollowOptions = {
  /** Pause between catch-ups once the views reach the head (default 250 ms). */
  readonly intervalMs?: number
  readonly signal: AbortSignal
  /** Told of a failed catch-up; the loop pauses and tries again (the database may be back). */
  readonly onError?: (error: unknown) => void
}

/** Waits `ms`, or less if `signal` aborts meanwhile. */
export const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    signal.addEventListener('abort', done, { once: true })
  })

/** Keeps the views caught up until `signal` aborts. */
export const followProjections = async (runner: CatchingUp, options: FollowOptions): Promise<void> => {
  const intervalMs = options.intervalMs ?? 250
  while (!options.signal.aborted) {
    try {
      await runner.catchUp()
    } catch (error) {
      options.onError?.(error)
    }
    await pause(intervalMs, options.signal)
  }
}

/**
 * What each `imtahan serve` runs: wait for the lease `name`; while holding it,
 * follow; when it is lost (our connection died), stop and wait again. Only
 * the holder writes views; the others stand by and read.
 */
export const followProjectionsUnderLease = async (
  runner: CatchingUp,
  leases: Leases,
  name: string,
  options: FollowOptions & { readonly retryMs?: number },
): Promise<void> => {
  while (!options.signal.aborted) {
    const lease = await awaitLease(leases, name, {
      signal: options.signal,
      ...(options.retryMs === undefined ? {} : { retryMs: options.retryMs }),
    })
    if (lease === undefined) return
    const held = AbortSignal.any([lease.lost, options.signal])
    await followProjections(runner, { ...options, signal: held })
    await lease.release()
  }
}
