import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createProjectionRunner, type ViewBatch, type ViewStore } from '../../src/views/index.js'
import { BACKINGS, type ViewBacking } from './backings.js'
import { appendEvents, type Count, countingReads, countsView } from './toy.js'

const asCounts = (tally: ReadonlyMap<string, number>) =>
  Object.fromEntries([...tally].map(([type, count]) => [type, count]))

const readCounts = async (views: ViewStore) => {
  const counts: Record<string, number> = {}
  for (const type of ['account', 'payment', 'cabinet']) {
    const doc = (await views.get('counts', type)) as Count | undefined
    if (doc !== undefined) counts[type] = doc.count
  }
  return counts
}

/** A crash after the batch wrote everything but before it committed: the store must keep none of it. */
const crashingBeforeCommit = (views: ViewStore): ViewStore => ({
  ...views,
  batch: (view, generation, fn) =>
    views.batch(view, generation, (tx) =>
      fn({
        ...tx,
        write: async (documents, checkpoint) => {
          await tx.write(documents, checkpoint)
          throw new Error('crash between apply and commit')
        },
      } satisfies ViewBatch),
    ),
})

for (const [name, open] of BACKINGS)
  describe(`persisted views on ${name}`, () => {
    let backing: ViewBacking
    const tally = new Map<string, number>()
    beforeAll(async () => {
      backing = await open()
    })
    afterAll(() => backing.close())
    const runner = (overrides: Partial<Parameters<typeof createProjectionRunner>[0]> = {}) =>
      createProjectionRunner({ ...backing, definitions: [countsView()], batchSize: 4, ...overrides })

    it('builds the view from the log, reports its lag, and looks documents up by the indexed column', async () => {
      await appendEvents(backing.events, 10, tally)
      const first = runner()
      const [before] = await first.status()
      expect(before).toMatchObject({ view: 'counts', generation: undefined, behind: 10 })
      expect(await first.catchUp()).toEqual([{ view: 'counts', processed: 10, rebuilt: true }])
      expect(await readCounts(backing.views)).toEqual(asCounts(tally))
      const [after] = await first.status()
      expect(after).toMatchObject({ generation: 1, version: '1', behind: 0 })
      expect(after!.checkpoint).toEqual(after!.head)
      await appendEvents(backing.events, 3, tally)
      expect((await first.status())[0]!.behind).toBe(3)
      const money = await backing.views.byLookup('counts', 'money')
      expect(money.map((d) => d.key)).toEqual(['account', 'payment'])
    })

    it('a starting runner reads only the events after its checkpoint', async () => {
      const reads = countingReads(backing.events)
      const restarted = runner({ events: reads.store })
      expect(await restarted.catchUp()).toEqual([{ view: 'counts', processed: 3, rebuilt: false }])
      expect(reads.read()).toBe(3)
      expect(await readCounts(backing.views)).toEqual(asCounts(tally))
    })

    it('exactly once: a throw mid-batch or a crash before commit leaves nothing of the batch; the rerun gives the same', async () => {
      const [before] = await runner().status()
      await appendEvents(backing.events, 6, tally)
      let throws = 1
      const failing = countsView({
        apply: (doc, event) => {
          if (doc?.type === 'payment' && throws-- > 0) throw new Error('fold failed mid-batch')
          return countsView().apply(doc, event, '')
        },
      })
      await expect(runner({ definitions: [failing] }).catchUp()).rejects.toThrow('fold failed mid-batch')
      await expect(runner({ views: crashingBeforeCommit(backing.views) }).catchUp()).rejects.toThrow(
        'crash between',
      )
      const [unchanged] = await runner().status()
      expect(unchanged!.checkpoint).toEqual(before!.checkpoint)
      expect(unchanged!.behind).toBe(6)
      await runner().catchUp()
      expect(await readCounts(backing.views)).toEqual(asCounts(tally))
    })

    it('two runners racing over one view apply every event once (the loser is fenced off)', async () => {
      await appendEvents(backing.events, 9, tally)
      const outcomes = await Promise.allSettled([runner().catchUp(), runner().catchUp()])
      for (const outcome of outcomes)
        if (outcome.status === 'rejected')
          expect(String(outcome.reason)).toMatch(/moved on by another runner|could not serialize/)
      await runner().catchUp()
      expect(await readCounts(backing.views)).toEqual(asCounts(tally))
    })

    it('rebuilds beside the live generation and swaps: a reader polling meanwhile never sees a partial view', async () => {
      const expected = asCounts(tally)
      const seen: Record<string, number>[] = []
      let polling = true
      const poller = (async () => {
        while (polling) seen.push(await readCounts(backing.views))
      })()
      const rebuilder = runner({ batchSize: 2 })
      const processed = await rebuilder.rebuild('counts')
      polling = false
      await poller
      expect(processed).toBe([...tally.values()].reduce((a, b) => a + b, 0))
      expect(seen.length).toBeGreaterThan(1)
      for (const counts of seen) expect(counts).toEqual(expected)
      expect(await readCounts(backing.views)).toEqual(expected)
      expect((await rebuilder.status())[0]).toMatchObject({ generation: 2, behind: 0 })
    })

    it('a new fold version is built beside the old one and replaces it', async () => {
      const doubled = countsView({
        version: '2',
        apply: (doc, event) => ({ type: event.streamId.split('-')[0]!, count: (doc?.count ?? 0) + 2 }),
      })
      const upgraded = runner({ definitions: [doubled] })
      const [report] = await upgraded.catchUp()
      expect(report).toMatchObject({ rebuilt: true })
      expect(await readCounts(backing.views)).toEqual(
        Object.fromEntries([...tally].map(([type, count]) => [type, count * 2])),
      )
      expect((await upgraded.status())[0]).toMatchObject({ generation: 3, version: '2', behind: 0 })
    })
  })
