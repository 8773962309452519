/**
 * A lease: at most one holder per name among all processes sharing a
 * database, so each projection and process manager runs in exactly one
 * `imtahan serve` at a time and fails over when its holder dies.
 */
export interface Lease {
  readonly name: string
  /** Aborted when the lease is gone (connection lost, released): stop the work it guards. */
  readonly lost: AbortSignal
  release(): Promise<void>
}

export type LeaseHolder = { readonly name: string; readonly instanceId: string; readonly since: Date }

export interface Leases {
  /** Takes the lease if nobody holds it; `undefined` if someone (maybe this process) does. Never waits. */
  acquire(name: string): Promise<Lease | undefined>
  /** Which lease names are held right now, by which instance: for metrics and the operator. */
  holders(): Promise<readonly LeaseHolder[]>
  /** Releases every lease this process holds. */
  close(): Promise<void>
}

/**
 * One process only (memory store, embedded PGlite): a lease is an entry in a
 * map. Nothing can die separately from the process, so `lost` fires only on
 * release.
 */
export const createLocalLeases = (instanceId: string): Leases => {
  const held = new Map<string, { since: Date; controller: AbortController }>()
  const release = (name: string, controller: AbortController) => async () => {
    if (held.get(name)?.controller === controller) held.delete(name)
    controller.abort()
  }
  return {
    acquire: async (name) => {
      if (held.has(name)) return undefined
      const controller = new AbortController()
      held.set(name, { since: new Date(), controller })
      return { name, lost: controller.signal, release: release(name, controller) }
    },
    holders: async () => [...held].map(([name, { since }]) => ({ name, instanceId, since })),
    close: async () => {
      for (const [name, { controller }] of [...held]) await release(name, controller)()
    },
  }
}

/**
 * Waits for a lease: tries every `retryMs` until it is granted or `signal`
 * aborts (then `undefined`). A standby process sits here until the holder dies.
 */
export const awaitLease = async (
  leases: Leases,
  name: string,
  options: { readonly retryMs?: number; readonly signal?: AbortSignal } = {},
): Promise<Lease | undefined> => {
  const retryMs = options.retryMs ?? 1000
  for (;;) {
    if (options.signal?.aborted) return undefined
    const lease = await leases.acquire(name)
    if (lease !== undefined) return lease
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, retryMs)
      function done() {
        clearTimeout(timer)
        options.signal?.removeEventListener('abort', done)
        resolve()
      }
      options.signal?.addEventListener('abort', done, { once: true })
    })
  }
}
