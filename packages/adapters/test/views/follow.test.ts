import { describe, expect, it } from 'vitest'
import { createLocalLeases } from '../../src/runner/lease.js'
import { createMemoryEventStore } from '../../src/store/memory.js'
import {
  createMemoryViewStore,
  createProjectionRunner,
  followProjectionsUnderLease,
  scanningLogHead,
} from '../../src/views/index.js'
import { eventually } from '../runner/support.js'
import { appendEvents, type Count, countingReads, countsView } from './toy.js'

describe('projections followed under a lease', () => {
  it('only the holder reads and writes; when it lets go, the standby takes over from the checkpoint', async () => {
    const store = createMemoryEventStore()
    const views = createMemoryViewStore()
    const leases = createLocalLeases('one-process')
    const instances = [0, 1].map(() => {
      const reads = countingReads(store)
      const runner = createProjectionRunner({
        events: reads.store,
        views,
        log: scanningLogHead(store),
        definitions: [countsView()],
      })
      const stop = new AbortController()
      const running = followProjectionsUnderLease(runner, leases, 'projections', {
        signal: stop.signal,
        intervalMs: 5,
        retryMs: 5,
      })
      return { reads, stop, running }
    })
    const accounts = async () => ((await views.get('counts', 'account')) as Count | undefined)?.count
    await appendEvents(store, 6)
    await eventually(async () => (await accounts()) === 2, 'the holder to catch up')
    const [holder, standby] = instances[0]!.reads.read() > 0 ? instances : [...instances].reverse()
    expect(standby!.reads.read()).toBe(0)
    holder!.stop.abort()
    await holder!.running
    await appendEvents(store, 3)
    await eventually(async () => (await accounts()) === 3, 'the standby to take over')
    expect(standby!.reads.read()).toBe(3)
    standby!.stop.abort()
    await standby!.running
    expect(await leases.holders()).toEqual([])
  })
})
