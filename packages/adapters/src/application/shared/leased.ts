import { awaitLease, type Leases } from '../../runner/lease.js'
import type { Subscription } from '../../store/port.js'

export type LeasedOptions = {
  readonly signal: AbortSignal
  readonly onError: (error: unknown) => void
  /** How often a standby asks for the lease (default 1 s): the failover time once the holder is gone. */
  readonly retryMs?: number
}

const until = (signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) resolve()
    else signal.addEventListener('abort', () => resolve(), { once: true })
  })

/**
 * Runs a live runner (a process manager, the deadline scheduler) only while
 * this process holds the lease `name`: every process calls this, one runs,
 * the others wait in `awaitLease` and take over within `retryMs` of the
 * holder's death. Losing the lease stops the runner at once; what it was
 * doing is safe to do again, as every step has a derived id.
 */
export const runUnderLease = async (
  leases: Leases,
  name: string,
  start: () => Promise<Subscription>,
  options: LeasedOptions,
): Promise<void> => {
  const { signal } = options
  while (!signal.aborted) {
    const lease = await awaitLease(leases, name, {
      signal,
      ...(options.retryMs === undefined ? {} : { retryMs: options.retryMs }),
    })
    if (lease === undefined) return
    const held = AbortSignal.any([lease.lost, signal])
    try {
      const running = await start()
      await until(held)
      await running.stop()
    } catch (error) {
      options.onError(error)
    } finally {
      await lease.release()
    }
    // A start that failed gives the lease up for a moment: another process may do better.
    if (!lease.lost.aborted)
      await until(AbortSignal.any([signal, AbortSignal.timeout(options.retryMs ?? 1000)]))
  }
}
