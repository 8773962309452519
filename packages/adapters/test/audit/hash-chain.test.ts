import { randomUUID } from 'node:crypto'
import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { chainStep } from '../../src/audit/index.js'
import { chainEvents, type RecordedEvent, verifyChain } from '../../src/index.js'

/** Two interleaved streams of chained events in global order. */
const history = (lengths: readonly number[]): RecordedEvent[] => {
  const events = lengths.flatMap((length, s) =>
    chainEvents(
      `toy-${s}`,
      Array.from({ length }, (_, index) => ({ id: randomUUID(), type: 'Counted', data: { index } })),
      0n,
      null,
      '2026-06-01T09:00:00.000Z',
      { principal: 'system:test' },
    ).map(({ dataJson, ...event }, index) => ({
      ...event,
      streamId: `toy-${s}`,
      data: JSON.parse(dataJson),
      index,
    })),
  )
  return events
    .sort((a, b) => a.index - b.index || a.streamId.localeCompare(b.streamId))
    .map(({ index: _, ...event }, at) => ({
      ...event,
      position: { commit: BigInt(at), prepare: BigInt(at) },
    }))
}

type Tamper = (events: RecordedEvent[], at: number) => RecordedEvent[]
const tampers: Record<string, Tamper> = {
  change: (events, at) => events.map((e, i) => (i === at ? { ...e, data: { index: -1 } } : e)),
  remove: (events, at) => events.filter((_, i) => i !== at),
  duplicate: (events, at) => [...events.slice(0, at + 1), ...events.slice(at)],
  swap: (events, at) =>
    at + 1 < events.length
      ? [...events.slice(0, at), events[at + 1]!, events[at]!, ...events.slice(at + 2)]
      : events,
}

const stepAll = (events: readonly RecordedEvent[]) => {
  const cursors = new Map()
  return events.flatMap((event) => chainStep(cursors, event))
}

const streams = (rows: ReadonlyArray<{ streamId?: string | undefined }>) =>
  [...new Set(rows.map((row) => row.streamId))].sort()

describe('hash chain, one event at a time', () => {
  it('property: breaks the same streams as verifyChain, never with more findings', () => {
    fc.assert(
      fc.property(
        fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 6 })),
        fc.constantFrom(...Object.keys(tampers)),
        fc.nat(),
        (lengths, how, seed) => {
          const intact = history(lengths)
          const tampered = tampers[how]!(intact, seed % intact.length)
          expect(stepAll(intact)).toEqual([])
          const [mine, theirs] = [stepAll(tampered), verifyChain(tampered)]
          expect(streams(mine)).toEqual(streams(theirs))
          expect(mine.length).toBeLessThanOrEqual(theirs.length)
        },
      ),
    )
  })

  it('names a removed event by its own revision and a late one as reordered', () => {
    const events = history([4])
    const removed = stepAll(tampers.remove!(events, 1))
    expect(removed).toMatchObject([{ streamId: 'toy-0', problem: 'missing', revision: '1' }])
    const swapped = stepAll(tampers.swap!(events, 1))
    expect(swapped.map((f) => [f.problem, f.revision])).toEqual([
      ['missing', '1'],
      ['reordered', '1'],
    ])
  })
})
