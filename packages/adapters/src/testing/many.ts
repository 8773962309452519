import { verifyChain } from '../store/hash-chain.js'
import { DuplicateEventIdError, type StreamAppendOutcome, WrongExpectedVersionError } from '../store/port.js'
import type { Runner } from './runner.js'
import { checkpoint, event, events, newStream, onlyStreams, type StoreRef } from './support.js'

const refusal = (outcome: StreamAppendOutcome | undefined) =>
  outcome?.ok === false ? outcome.error : undefined

/** Many streams in one call: `readStreams` and `appendToStreams`, with conflicts reported per stream. */
export const multiStreamContract = ({ describe, it, expect }: Runner, store: StoreRef) => {
  describe('many streams at once', () => {
    it('readStreams reads every stream from its own revision, a missing one as empty', async () => {
      const [a, b, missing] = [newStream('many'), newStream('many'), newStream('missing')]
      await store().appendToStream(a, events(3), 'no_stream')
      await store().appendToStream(b, events(4), 'no_stream')
      const read = await store().readStreams([
        { streamId: a },
        { streamId: b, fromRevision: 2n },
        { streamId: missing },
      ])
      expect([...read.keys()].sort()).toEqual([a, b, missing].sort())
      expect(read.get(a)!.map((e) => [e.streamId, e.revision])).toEqual([
        [a, 0n],
        [a, 1n],
        [a, 2n],
      ])
      expect(read.get(b)!.map((e) => e.revision)).toEqual([2n, 3n])
      expect(read.get(b)).toEqual(await store().readStream(b, { fromRevision: 2n }))
      expect(read.get(missing)).toEqual([])
    })

    it('appendToStreams writes each stream at its expected revision and continues its hash chain', async () => {
      const after = await checkpoint(store())
      const [a, b] = [newStream('many'), newStream('many')]
      await store().appendToStream(a, events(2), 'no_stream')
      const outcomes = await store().appendToStreams(
        [
          { streamId: a, events: [event('A2')], expected: 1n },
          { streamId: b, events: [event('B0'), event('B1')], expected: 'no_stream' },
        ],
        { principal: 'system:rescore' },
      )
      expect(
        outcomes.map((o) => [o.streamId, o.ok, o.ok ? o.result.nextExpectedRevision : undefined]),
      ).toEqual([
        [a, true, 2n],
        [b, true, 1n],
      ])
      const all = onlyStreams(await store().readAll({ after }), a, b)
      // Every event is in the global log; the order between streams of one call is the store's own.
      expect(
        all
          .map((e) => e.type)
          .filter((type) => type !== 'Counted')
          .sort(),
      ).toEqual(['A2', 'B0', 'B1'])
      expect(verifyChain([...(await store().readStream(a)), ...(await store().readStream(b))])).toEqual([])
      expect((await store().readStream(b))[0]!.metadata).toMatchObject({ principal: 'system:rescore' })
    })

    it('a conflict refuses only its own stream, naming the actual revision; the others are written', async () => {
      const [ok, stale, other] = [newStream('many'), newStream('many'), newStream('many')]
      await store().appendToStream(stale, events(3), 'no_stream')
      const outcomes = await store().appendToStreams([
        { streamId: ok, events: [event()], expected: 'no_stream' },
        { streamId: stale, events: [event()], expected: 0n },
        { streamId: other, events: [event()], expected: 'any' },
      ])
      expect(outcomes.map((o) => o.ok)).toEqual([true, false, true])
      const error = refusal(outcomes[1])
      expect(error).toBeInstanceOf(WrongExpectedVersionError)
      const conflict = error as WrongExpectedVersionError
      expect([conflict.streamId, conflict.expected, conflict.actual]).toEqual([stale, 0n, 2n])
      expect(await store().readStream(stale)).toHaveLength(3)
      expect(await store().readStream(ok)).toHaveLength(1)
      expect(await store().readStream(other)).toHaveLength(1)
    })

    it('a repeated multi-stream append is answered per stream without writing twice; a reused id is refused', async () => {
      const [a, b] = [newStream('many'), newStream('many')]
      const batch = [
        { streamId: a, events: [event('A0')], expected: 'no_stream' as const },
        { streamId: b, events: [event('B0')], expected: 'no_stream' as const },
      ]
      const first = await store().appendToStreams(batch)
      const again = await store().appendToStreams(batch)
      expect(again.map((o) => (o.ok ? o.result.nextExpectedRevision : undefined))).toEqual([0n, 0n])
      expect(again.map((o) => (o.ok ? o.result.position : undefined))).toEqual(
        first.map((o) => (o.ok ? o.result.position : undefined)),
      )
      expect(await store().readStream(a)).toHaveLength(1)
      const reused = await store().appendToStreams([
        { streamId: a, events: [event('A1'), batch[0]!.events[0]!], expected: 0n },
        { streamId: b, events: [event('B1')], expected: 0n },
      ])
      expect(refusal(reused[0])).toBeInstanceOf(DuplicateEventIdError)
      expect(reused[1]!.ok).toBe(true)
      expect(await store().readStream(a)).toHaveLength(1)
      expect(await store().readStream(b)).toHaveLength(2)
    })

    it('a stream named twice in one call is refused before anything is written', async () => {
      const [a, b] = [newStream('many'), newStream('many')]
      await expect(
        store().appendToStreams([
          { streamId: b, events: [event()], expected: 'no_stream' },
          { streamId: a, events: [event()], expected: 'no_stream' },
          { streamId: a, events: [event()], expected: 'any' },
        ]),
      ).rejects.toBeInstanceOf(TypeError)
      expect(await store().readStream(a)).toEqual([])
      expect(await store().readStream(b)).toEqual([])
    })

    it('an expectedHash hint, right or wrong, never breaks the chain; a stale expectation is still refused', async () => {
      const [right, wrong, stale] = [newStream('hint'), newStream('hint'), newStream('hint')]
      for (const stream of [right, wrong, stale]) await store().appendToStream(stream, events(2), 'no_stream')
      const headHash = async (stream: string, revision: number) =>
        (await store().readStream(stream))[revision]!.metadata.hash
      const outcomes = await store().appendToStreams([
        { streamId: right, events: [event('R')], expected: 1n, expectedHash: await headHash(right, 1) },
        // A hash no event has: the write must not be chained onto it.
        { streamId: wrong, events: [event('W')], expected: 1n, expectedHash: 'f'.repeat(64) },
        // The hash of revision 0, as a reader that missed revision 1 would hold it.
        { streamId: stale, events: [event('S')], expected: 0n, expectedHash: await headHash(stale, 0) },
      ])
      expect(outcomes.map((o) => [o.ok, o.ok ? o.result.nextExpectedRevision : undefined])).toEqual([
        [true, 2n],
        [true, 2n],
        [false, undefined],
      ])
      expect(refusal(outcomes[2])).toBeInstanceOf(WrongExpectedVersionError)
      for (const stream of [right, wrong, stale]) {
        const read = await store().readStream(stream)
        expect(verifyChain(read)).toEqual([])
        expect(read.at(-1)!.metadata.previousHash).toBe(read.at(-2)!.metadata.hash)
      }
      expect(await store().readStream(stale)).toHaveLength(2)
    })

    it('racing multi-stream appends at one revision: each stream is won by exactly one', async () => {
      const streams = [newStream('race'), newStream('race'), newStream('race')]
      for (const stream of streams) await store().appendToStream(stream, [event()], 'no_stream')
      const racers = await Promise.all(
        [0, 1, 2, 3].map(() =>
          store().appendToStreams(streams.map((streamId) => ({ streamId, events: [event()], expected: 0n }))),
        ),
      )
      for (const [index, stream] of streams.entries()) {
        expect(racers.filter((outcomes) => outcomes[index]!.ok)).toHaveLength(1)
        const read = await store().readStream(stream)
        expect(read).toHaveLength(2)
        expect(verifyChain(read)).toEqual([])
      }
    })
  })
}
