import { verifyChain } from '../store/hash-chain.js'
import { comparePositions, DuplicateEventIdError, WrongExpectedVersionError } from '../store/port.js'
import type { Runner } from './runner.js'
import { conflict as conflictOf, event, events, newStream, type StoreRef } from './support.js'

/** Appending: every expected-revision mode, retries, duplicate ids, racing writers. */
export const appendContract = (runner: Runner, store: StoreRef) => {
  const { describe, it, expect } = runner
  const conflict = (promise: Promise<unknown>) => conflictOf(runner, promise)
  describe('append with an expected revision', () => {
    it('no_stream creates a stream at revisions 0..n-1 and reads back what was written', async () => {
      const stream = newStream()
      const written = [event('Opened', { name: 'Ləman', nested: { list: [1, 'two', null] } }), event('Noted')]
      const result = await store().appendToStream(stream, written, 'no_stream', {
        correlationId: 'c-1',
        principal: 'staff:ali',
      })
      expect(result.nextExpectedRevision).toBe(1n)
      const read = await store().readStream(stream)
      expect(read.map((e) => [e.id, e.type, e.revision, e.streamId])).toEqual([
        [written[0]!.id, 'Opened', 0n, stream],
        [written[1]!.id, 'Noted', 1n, stream],
      ])
      expect(read[0]!.data).toEqual({ name: 'Ləman', nested: { list: [1, 'two', null] } })
      expect(read[0]!.metadata).toMatchObject({ correlationId: 'c-1', principal: 'staff:ali' })
      expect(new Date(read[0]!.metadata.recordedAt).toISOString()).toBe(read[0]!.metadata.recordedAt)
      expect(comparePositions(read[1]!.position, result.position)).toBe(0)
    })

    it('no_stream on an existing stream is a conflict naming the actual revision', async () => {
      const stream = newStream()
      await store().appendToStream(stream, events(3), 'no_stream')
      const error = await conflict(store().appendToStream(stream, [event()], 'no_stream'))
      expect([error.streamId, error.expected, error.actual]).toEqual([stream, 'no_stream', 2n])
      expect(await store().readStream(stream)).toHaveLength(3)
    })

    it('stream_exists refuses a missing stream (actual no_stream) and appends to an existing one', async () => {
      const stream = newStream()
      const error = await conflict(store().appendToStream(stream, [event()], 'stream_exists'))
      expect([error.expected, error.actual]).toEqual(['stream_exists', 'no_stream'])
      expect(await store().readStream(stream)).toEqual([])
      await store().appendToStream(stream, [event()], 'no_stream')
      expect((await store().appendToStream(stream, [event()], 'stream_exists')).nextExpectedRevision).toBe(1n)
    })

    it('an exact revision appends only at that revision; otherwise the conflict names the actual one', async () => {
      const stream = newStream()
      const missing = await conflict(store().appendToStream(stream, [event()], 0n))
      expect([missing.expected, missing.actual]).toEqual([0n, 'no_stream'])
      await store().appendToStream(stream, events(2), 'no_stream')
      expect((await store().appendToStream(stream, [event()], 1n)).nextExpectedRevision).toBe(2n)
      for (const stale of [0n, 1n, 3n, 7n]) {
        const error = await conflict(store().appendToStream(stream, [event()], stale))
        expect([error.expected, error.actual]).toEqual([stale, 2n])
      }
      expect(await store().readStream(stream)).toHaveLength(3)
    })

    it('any appends to a missing and to an existing stream', async () => {
      const stream = newStream()
      expect((await store().appendToStream(stream, [event()], 'any')).nextExpectedRevision).toBe(0n)
      expect((await store().appendToStream(stream, events(2), 'any')).nextExpectedRevision).toBe(2n)
    })

    it('revisions and positions are bigint, and a bigint expected revision is compared exactly', async () => {
      const stream = newStream()
      const result = await store().appendToStream(stream, [event()], 'no_stream')
      expect(typeof result.nextExpectedRevision).toBe('bigint')
      expect(typeof result.position.commit).toBe('bigint')
      expect(typeof result.position.prepare).toBe('bigint')
      const error = await conflict(store().appendToStream(stream, [event()], 2n ** 63n - 1n))
      expect(error.actual).toBe(0n)
    })
  })

  describe('retries and duplicate ids', () => {
    it('re-appending the same ids at the same place is answered, not written twice', async () => {
      const stream = newStream()
      await store().appendToStream(stream, [event()], 'no_stream')
      const batch = events(2)
      const first = await store().appendToStream(stream, batch, 0n)
      const retried = await store().appendToStream(stream, batch, 0n)
      expect(retried.nextExpectedRevision).toBe(first.nextExpectedRevision)
      expect(comparePositions(retried.position, first.position)).toBe(0)
      const again = await store().appendToStream(stream, batch, 'any')
      expect(again.nextExpectedRevision).toBe(2n)
      expect(await store().readStream(stream)).toHaveLength(3)
    })

    it('a retried no_stream append is answered even after the stream moved on', async () => {
      const stream = newStream()
      const batch = [event()]
      const first = await store().appendToStream(stream, batch, 'no_stream')
      await store().appendToStream(stream, [event()], 0n)
      const retried = await store().appendToStream(stream, batch, 'no_stream')
      expect(retried.nextExpectedRevision).toBe(first.nextExpectedRevision)
      expect(await store().readStream(stream)).toHaveLength(2)
    })

    it('an id already used elsewhere in the stream is refused with DuplicateEventIdError', async () => {
      const stream = newStream()
      const used = event()
      await store().appendToStream(stream, [used, event()], 'no_stream')
      const mixed = store().appendToStream(stream, [event(), { ...used }], 1n)
      await expect(mixed).rejects.toBeInstanceOf(DuplicateEventIdError)
      const misplaced = store().appendToStream(stream, [{ ...used }], 1n)
      await expect(misplaced).rejects.toBeInstanceOf(DuplicateEventIdError)
      expect(await store().readStream(stream)).toHaveLength(2)
    })

    it('the same id may appear in two different streams', async () => {
      const shared = event()
      await store().appendToStream(newStream(), [shared], 'no_stream')
      const other = newStream()
      await store().appendToStream(other, [{ ...shared }], 'no_stream')
      expect((await store().readStream(other))[0]!.id).toBe(shared.id)
    })
  })

  describe('concurrent writers', () => {
    it('with any, every concurrent append lands and revisions stay dense', async () => {
      const stream = newStream('race')
      const results = await Promise.all(
        Array.from({ length: 12 }, () => store().appendToStream(stream, [event()], 'any')),
      )
      const revisions = results.map((r) => r.nextExpectedRevision).sort((x, y) => (x < y ? -1 : 1))
      expect(revisions).toEqual(Array.from({ length: 12 }, (_, i) => BigInt(i)))
      const read = await store().readStream(stream)
      expect(read.map((e) => e.revision)).toEqual(revisions)
      expect(verifyChain(read)).toEqual([])
    })

    it('with an exact revision, exactly one of the racing writers wins', async () => {
      const stream = newStream('race')
      await store().appendToStream(stream, [event()], 'no_stream')
      const outcomes = await Promise.allSettled(
        Array.from({ length: 8 }, () => store().appendToStream(stream, [event()], 0n)),
      )
      const won = outcomes.filter((o) => o.status === 'fulfilled')
      const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []))
      expect(won).toHaveLength(1)
      for (const reason of lost) {
        expect(reason).toBeInstanceOf(WrongExpectedVersionError)
        expect((reason as WrongExpectedVersionError).actual).toBe(1n)
      }
      expect(await store().readStream(stream)).toHaveLength(2)
    })
  })
}
