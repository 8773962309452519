import { randomUUID } from 'node:crypto'
import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  canonicalEnvelope,
  canonicalJson,
  chainEvents,
  hashEvent,
  type RecordedEvent,
  verifyChain,
} from '../../src/index.js'

const json = fc.jsonValue() as fc.Arbitrary<unknown>

const recorded = (streamId: string, count: number, context = {}): RecordedEvent[] =>
  chainEvents(
    streamId,
    Array.from({ length: count }, (_, index) => ({ id: randomUUID(), type: 'Counted', data: { index } })),
    0n,
    null,
    '2026-06-01T09:00:00.000Z',
    context,
  ).map(({ dataJson, ...event }, index) => ({
    ...event,
    streamId,
    data: JSON.parse(dataJson),
    position: { commit: BigInt(index), prepare: BigInt(index) },
  }))

describe('canonical encoding', () => {
  it('property: the same value gives the same text whatever the key order, and survives a JSON round trip', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), json), (value) => {
        const reversed = Object.fromEntries(Object.entries(value).reverse())
        expect(canonicalJson(reversed)).toBe(canonicalJson(value))
        expect(canonicalJson(JSON.parse(JSON.stringify(value)))).toBe(canonicalJson(value))
      }),
    )
  })

  it('drops undefined members as a JSON column does and refuses a bigint', () => {
    expect(canonicalJson({ b: 1, a: undefined, c: [undefined, 2] })).toBe('{"b":1,"c":[null,2]}')
    expect(() => canonicalJson({ n: 1n })).toThrow(/bigint/)
  })

  it('property: the envelope written out by hand is canonicalJson of the documented fields', () => {
    const optional = fc.option(fc.string(), { nil: undefined })
    fc.assert(
      fc.property(
        json,
        optional,
        optional,
        optional,
        fc.option(fc.string(), { nil: null }),
        (data, c1, c2, p, prev) => {
          const fields = {
            streamId: 'wallet-1',
            revision: 12n,
            id: randomUUID(),
            type: 'PaymentCredited',
            recordedAt: '2026-06-01T09:00:00.000Z',
            previousHash: prev,
            ...(c1 === undefined ? {} : { correlationId: c1 }),
            ...(c2 === undefined ? {} : { causationId: c2 }),
            ...(p === undefined ? {} : { principal: p }),
          }
          expect(canonicalEnvelope(fields, canonicalJson(data))).toBe(
            canonicalJson({ ...fields, data, revision: '12' }),
          )
        },
      ),
    )
  })
})

describe('verifyChain', () => {
  it('accepts intact chains of several interleaved streams', () => {
    const [a, b] = [recorded('a', 3, { principal: 'staff:ali' }), recorded('b', 2)]
    expect(verifyChain([a[0]!, b[0]!, a[1]!, b[1]!, a[2]!])).toEqual([])
  })

  it('names the stream and revision of a changed type, context or timestamp', () => {
    const events = recorded('a', 3)
    const forged = [
      { ...events[1]!, type: 'Other' },
      { ...events[1]!, metadata: { ...events[1]!.metadata, principal: 'staff:mallory' } },
      { ...events[1]!, metadata: { ...events[1]!.metadata, recordedAt: '2020-01-01T00:00:00.000Z' } },
    ]
    for (const event of forged) {
      expect(verifyChain([events[0]!, event, events[2]!])).toMatchObject([
        { streamId: 'a', revision: 1n, problem: 'changed' },
      ])
    }
  })

  it('reports an event re-hashed by a forger as inserted at the next revision', () => {
    const events = recorded('a', 3)
    const data = { index: 42 }
    const rehashed = { ...events[1]!, data }
    const hash = hashEvent({ ...rehashed, ...rehashed.metadata })
    const forged = { ...rehashed, metadata: { ...rehashed.metadata, hash } }
    expect(verifyChain([events[0]!, forged, events[2]!])).toMatchObject([
      { streamId: 'a', revision: 2n, problem: 'inserted' },
    ])
  })

  it('reports missing revisions (including the first) and a repeated revision', () => {
    const events = recorded('a', 4)
    expect(verifyChain(events.slice(1))).toMatchObject([{ revision: 1n, problem: 'missing' }])
    expect(verifyChain([events[0]!, events[3]!])[0]!.message).toContain('revision 1..2 missing')
    expect(verifyChain([events[0]!, events[1]!, events[1]!])).toMatchObject([
      { revision: 1n, problem: 'inserted' },
    ])
  })
})
