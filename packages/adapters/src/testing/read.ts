import { verifyChain } from '../store/hash-chain.js'
import { comparePositions, type RecordedEvent } from '../store/port.js'
import type { Runner } from './runner.js'
import {
  checkpoint,
  event,
  events,
  eventually,
  newStream,
  onlyStreams,
  type StoreRef,
  type Tamper,
} from './support.js'

/** Reading: streams, the global log, subscriptions, and the hash chain. */
export const readContract = (
  { describe, it, expect, beforeAll }: Runner,
  store: StoreRef,
  tamper: Tamper | undefined,
) => {
  describe('reading a stream', () => {
    const stream = newStream('read')
    beforeAll(async () => {
      await store().appendToStream(stream, events(5), 'no_stream')
    })
    const indices = (read: readonly RecordedEvent[]) => read.map((e) => e.revision)

    it('reads forwards, from a revision, and at most maxCount events', async () => {
      expect(indices(await store().readStream(stream))).toEqual([0n, 1n, 2n, 3n, 4n])
      expect(indices(await store().readStream(stream, { fromRevision: 3n }))).toEqual([3n, 4n])
      expect(indices(await store().readStream(stream, { fromRevision: 1n, maxCount: 2 }))).toEqual([1n, 2n])
      expect(await store().readStream(stream, { fromRevision: 9n })).toEqual([])
    })

    it('reads backwards from the end or from a revision', async () => {
      expect(indices(await store().readStream(stream, { direction: 'backwards' }))).toEqual([
        4n,
        3n,
        2n,
        1n,
        0n,
      ])
      const last = await store().readStream(stream, {
        direction: 'backwards',
        fromRevision: 'end',
        maxCount: 1,
      })
      expect(indices(last)).toEqual([4n])
      const fromTwo = await store().readStream(stream, { direction: 'backwards', fromRevision: 2n })
      expect(indices(fromTwo)).toEqual([2n, 1n, 0n])
    })

    it('a stream that does not exist reads as empty', async () => {
      expect(await store().readStream(newStream('missing'))).toEqual([])
      expect(await store().readStream(newStream('missing'), { direction: 'backwards' })).toEqual([])
    })
  })

  describe('the global log', () => {
    it('readAll returns events in append order, strictly after the given position, at most maxCount', async () => {
      const after = await checkpoint(store())
      const [a, b] = [newStream('a'), newStream('b')]
      await store().appendToStream(a, [event('A0')], 'no_stream')
      await store().appendToStream(b, [event('B0'), event('B1')], 'no_stream')
      await store().appendToStream(a, [event('A1')], 0n)
      const all = onlyStreams(await store().readAll({ after }), a, b)
      expect(all.map((e) => e.type)).toEqual(['A0', 'B0', 'B1', 'A1'])
      for (let i = 1; i < all.length; i++)
        expect(comparePositions(all[i - 1]!.position, all[i]!.position)).toBe(-1)
      const rest = onlyStreams(await store().readAll({ after: all[1]!.position }), a, b)
      expect(rest.map((e) => e.type)).toEqual(['B1', 'A1'])
      const two = await store().readAll({ after, maxCount: 2 })
      expect(two).toHaveLength(2)
    })

    it('subscribeToAll catches up from a checkpoint, follows live appends, and stops', async () => {
      const after = await checkpoint(store())
      const stream = newStream('sub')
      await store().appendToStream(stream, events(2, 'Before'), 'no_stream')
      const seen: RecordedEvent[] = []
      const errors: unknown[] = []
      const arrived = (count: number) => eventually(() => expect(seen.length).toBe(count))
      const subscription = store().subscribeToAll({
        after,
        onEvent: async (e) => {
          if (e.streamId === stream) seen.push(e)
        },
        onError: (error) => errors.push(error),
      })
      await arrived(2)
      await store().appendToStream(stream, [event('Live')], 1n)
      await arrived(3)
      await subscription.stop()
      await store().appendToStream(stream, [event('AfterStop')], 2n)
      await new Promise((resolve) => setTimeout(resolve, 300))
      expect(seen.map((e) => e.type)).toEqual(['Before', 'Before', 'Live'])
      expect(errors).toEqual([])
    })
  })

  describe('tamper-evident hash chain', () => {
    it('every stream is a valid chain: each event names the hash of the one before it', async () => {
      const stream = newStream('chain')
      await store().appendToStream(stream, events(2), 'no_stream')
      await store().appendToStream(stream, events(2), 1n, { causationId: 'cause-1' })
      const read = await store().readStream(stream)
      expect(read[0]!.metadata.previousHash).toBeNull()
      expect(read[2]!.metadata.previousHash).toBe(read[1]!.metadata.hash)
      expect(verifyChain(read)).toEqual([])
    })

    it('a changed or removed event is reported with its stream and revision', async () => {
      const stream = newStream('chain')
      await store().appendToStream(stream, events(3), 'no_stream')
      const read = await store().readStream(stream)
      const changed = read.map((e) => (e.revision === 1n ? { ...e, data: { index: 99 } } : e))
      expect(verifyChain(changed)).toMatchObject([{ streamId: stream, revision: 1n, problem: 'changed' }])
      const removed = read.filter((e) => e.revision !== 1n)
      expect(verifyChain(removed)).toMatchObject([{ streamId: stream, revision: 2n, problem: 'missing' }])
    })

    // Only for stores whose storage the test can reach behind their back (the SQL stores).
    if (tamper !== undefined)
      it('an event changed in storage behind the store is detected on re-read', async () => {
        const stream = newStream('tamper')
        await store().appendToStream(stream, events(3), 'no_stream')
        await tamper(stream, 1n, { index: 1, forged: true })
        const breaks = verifyChain(await store().readStream(stream))
        expect(breaks).toMatchObject([{ streamId: stream, revision: 1n, problem: 'changed' }])
      })
  })
}
