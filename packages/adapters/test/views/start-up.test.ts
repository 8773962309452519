import { randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { VIEW_DEFINITIONS } from '../../src/application/facade.js'
import { createViews } from '../../src/application/shared/views.js'
import { verifyLogSince } from '../../src/audit/verify-since.js'
import type { EventStore } from '../../src/store/port.js'
import { BACKINGS, type ViewBacking } from './backings.js'
import { countingReads } from './toy.js'

/** Events no view folds (a category this version does not read): only what is read is counted. */
const append = async (store: EventStore, n: number) => {
  for (let i = 0; i < n; i++)
    await store.appendToStream(
      `misc-${randomUUID()}`,
      [{ id: randomUUID(), type: 'Noted', data: { i } }],
      'no_stream',
    )
}

/** Opening PGlite (its WASM start) and 47 single appends take over 30 s on the loaded 2-core machine. */
const SLOW = 90_000

describe.each(BACKINGS.filter(([name]) => name !== 'memory'))(
  'a start on a log that already holds events reads only what follows the checkpoints (%s)',
  (_name, open) => {
    let backing: ViewBacking | undefined
    afterEach(async () => {
      await backing?.close()
      backing = undefined
    })

    it(
      'the start-up check and every view runner read the 7 new events, not the 40 before',
      async () => {
        backing = await open()
        const storage = { store: backing.views, log: backing.log }
        await append(backing.events, 40)
        // The previous process: views caught up, the log verified up to here.
        await createViews(backing.events, VIEW_DEFINITIONS, storage).catchUpAll()
        const verified = await verifyLogSince(backing.events, undefined)
        expect(verified.events).toBe(40)
        await append(backing.events, 7)

        const counting = countingReads(backing.events)
        const check = await verifyLogSince(counting.store, verified.last)
        expect(check).toMatchObject({ events: 7, undecodableCount: 0, chainCount: 0 })
        expect(counting.read()).toBe(7)

        counting.reset()
        const views = createViews(counting.store, VIEW_DEFINITIONS, storage)
        for (const definition of VIEW_DEFINITIONS) {
          counting.reset()
          await views.catchUp(definition)
          expect(counting.read(), definition.name).toBe(7)
        }
        const status = await views.runner.status()
        expect(status.map((row) => row.behind)).toEqual(VIEW_DEFINITIONS.map(() => 0))
      },
      SLOW,
    )

    it(
      'the check anchors a stream met part-way on the event before it, and finds a changed one',
      async () => {
        backing = await open()
        const streamId = `misc-${randomUUID()}`
        await backing.events.appendToStream(
          streamId,
          [{ id: randomUUID(), type: 'Noted', data: { i: 0 } }],
          'no_stream',
        )
        const verified = await verifyLogSince(backing.events, undefined)
        await backing.events.appendToStream(
          streamId,
          [{ id: randomUUID(), type: 'Noted', data: { i: 1 } }],
          0n,
        )
        const check = await verifyLogSince(backing.events, verified.last)
        expect(check).toMatchObject({ events: 1, chainCount: 0 })
        // A forged event (its hash recomputed by nobody) is caught by the same step the audit uses.
        // The forgery is the store's own read with one event's data changed: it still pages forwards.
        const [event] = await backing.events.readStream(streamId, { fromRevision: 1n })
        const forged: EventStore = {
          ...backing.events,
          readAll: async (options) =>
            (await backing!.events.readAll(options)).map((read) =>
              read.id === event!.id ? { ...read, data: { i: 2 } } : read,
            ),
        }
        expect((await verifyLogSince(forged, verified.last)).chain[0]).toMatchObject({ problem: 'changed' })
      },
      SLOW,
    )
  },
)
