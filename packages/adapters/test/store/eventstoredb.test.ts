import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  fromEsdbCurrentRevision,
  fromEsdbRecordedEvent,
  isOurs,
  isStreamNotFound,
  isWrongExpectedVersion,
  toEsdbExpectedRevision,
  toEsdbReadPosition,
  toJsonSafe,
} from '../../src/store/eventstoredb/mapping.js'
import { createEventStoreDbStore } from '../../src/store/eventstoredb/store.js'
import { START } from '../../src/store/port.js'
import { eventStoreContract } from '../../src/testing/index.js'

const CONNECTION = process.env.EVENTSTORE_CONNECTION_STRING

describe.skipIf(!CONNECTION)(
  CONNECTION
    ? 'EventStoreDB'
    : 'EventStoreDB (EVENTSTORE_CONNECTION_STRING not set — contract skipped, no server)',
  () => {
    eventStoreContract({ describe, it, expect, beforeAll, afterAll }, 'EventStoreDB', async () =>
      createEventStoreDbStore({ connectionString: CONNECTION! }),
    )
  },
)

describe('EventStoreDB mapping (no server needed)', () => {
  it('passes expected revisions through as the client constants and bigints, refusing negatives', () => {
    expect(toEsdbExpectedRevision('any')).toBe('any')
    expect(toEsdbExpectedRevision('no_stream')).toBe('no_stream')
    expect(toEsdbExpectedRevision('stream_exists')).toBe('stream_exists')
    expect(toEsdbExpectedRevision(2n ** 62n)).toBe(2n ** 62n)
    expect(() => toEsdbExpectedRevision(-1n)).toThrow(RangeError)
  })

  it('reads the current revision, treating -1 from older servers as no stream', () => {
    expect(fromEsdbCurrentRevision('no_stream')).toBe('no_stream')
    expect(fromEsdbCurrentRevision(-1n)).toBe('no_stream')
    expect(fromEsdbCurrentRevision(0n)).toBe(0n)
    expect(fromEsdbCurrentRevision(41n)).toBe(41n)
  })

  it('starts reads at the beginning for START and at the checkpoint otherwise', () => {
    expect(toEsdbReadPosition(undefined)).toBe('start')
    expect(toEsdbReadPosition(START)).toBe('start')
    expect(toEsdbReadPosition({ commit: 10n, prepare: 7n })).toEqual({ commit: 10n, prepare: 7n })
  })

  it('turns bigints into decimal strings at any depth so JSON.stringify cannot throw', () => {
    const safe = toJsonSafe({ revision: 2n ** 64n, nested: [{ n: 1n }, 'x', null], plain: 1.5 })
    expect(safe).toEqual({ revision: '18446744073709551616', nested: [{ n: '1' }, 'x', null], plain: 1.5 })
    expect(() => JSON.stringify(safe)).not.toThrow()
  })

  const recorded = {
    id: '6b1d3c9e-4f2a-4e87-9a55-2f0c8d1e7b43',
    streamId: 'wallet-1',
    type: 'PaymentCredited',
    revision: 3n,
    isJson: true,
    data: { amount: '12.50' },
    metadata: { recordedAt: '2026-06-01T09:00:00.000Z', previousHash: 'ab', hash: 'cd' },
    position: { commit: 900n, prepare: 880n },
  }

  it('maps a recorded event with its position, data and metadata', () => {
    expect(fromEsdbRecordedEvent(recorded)).toEqual({
      id: recorded.id,
      streamId: 'wallet-1',
      type: 'PaymentCredited',
      revision: 3n,
      position: { commit: 900n, prepare: 880n },
      data: { amount: '12.50' },
      metadata: recorded.metadata,
    })
    const { position: _, ...withoutPosition } = recorded
    expect(fromEsdbRecordedEvent(withoutPosition).position).toEqual(START)
  })

  it('refuses an event whose data is not a JSON object, naming the stream and revision', () => {
    expect(() => fromEsdbRecordedEvent({ ...recorded, data: 'text' })).toThrow(/data of wallet-1@3/)
  })

  it('leaves system streams, system events and binary events out of the log', () => {
    expect(isOurs(recorded)).toBe(true)
    expect(isOurs({ ...recorded, streamId: '$stats-127.0.0.1:2113' })).toBe(false)
    expect(isOurs({ ...recorded, type: '$metadata' })).toBe(false)
    expect(isOurs({ ...recorded, isJson: false })).toBe(false)
  })

  it('recognises the client errors by their type tag', () => {
    expect(isStreamNotFound({ type: 'stream-not-found' })).toBe(true)
    expect(isStreamNotFound(new Error('stream-not-found'))).toBe(false)
    expect(isWrongExpectedVersion({ type: 'wrong-expected-version', actualVersion: 4n })).toBe(true)
    expect(isWrongExpectedVersion(null)).toBe(false)
  })
})
