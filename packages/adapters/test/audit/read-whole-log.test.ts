import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { readWholeLog } from '../../src/audit/log.js'
import { verifyLogSince } from '../../src/audit/verify-since.js'
import { createMemoryEventStore } from '../../src/store/memory.js'
import { LogReadStalledError } from '../../src/store/page-progress.js'
import type { EventStore } from '../../src/store/port.js'
import { createMemoryViewStore, createProjectionRunner, scanningLogHead } from '../../src/views/index.js'
import { countsView } from '../views/toy.js'

const storeOf = async (n: number) => {
  const store = createMemoryEventStore()
  for (let i = 0; i < n; i++)
    await store.appendToStream(
      `misc-${randomUUID()}`,
      [{ id: randomUUID(), type: 'Noted', data: { i } }],
      'no_stream',
    )
  return store
}

/**
 * A store that ignores `after` and answers every read with the same first
 * page. Once it has been asked `limit` times it answers empty, so a reader
 * without the progress check ends (with a wrong count) instead of spinning:
 * this test fails on a regression, it never hangs.
 */
const stuck = (store: EventStore, limit = 50) => {
  let calls = 0
  const log: EventStore = {
    ...store,
    readAll: async (options) => (++calls > limit ? [] : store.readAll({ maxCount: options?.maxCount ?? 2 })),
  }
  return { log, calls: () => calls }
}

describe('paging the log to its end', () => {
  it('reads every event once, page after page, from just after a position', async () => {
    const store = await storeOf(7)
    const all = await store.readAll()
    const read: string[] = []
    for await (const event of readWholeLog(store, 3, all[1]!.position)) read.push(event.id)
    expect(read).toEqual(all.slice(2).map((event) => event.id))
  })

  it('the start-up check fails with LogReadStalledError on a store that does not page forwards, on its second read', async () => {
    const store = await storeOf(5)
    const { log, calls } = stuck(store)
    await expect(verifyLogSince(log, undefined)).rejects.toBeInstanceOf(LogReadStalledError)
    expect(calls()).toBe(2)
  })

  it('a view runner catching up fails the same way instead of folding the same page again and again', async () => {
    const store = await storeOf(5)
    const { log, calls } = stuck(store)
    const runner = createProjectionRunner({
      events: log,
      views: createMemoryViewStore(),
      log: scanningLogHead(store),
      definitions: [countsView()],
      batchSize: 2,
    })
    await expect(runner.catchUp()).rejects.toBeInstanceOf(LogReadStalledError)
    expect(calls()).toBe(2)
  })
})
