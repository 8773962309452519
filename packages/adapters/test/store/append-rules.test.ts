import { describe, expect, it } from 'vitest'
import {
  checkBatch,
  checkExpectedRevision,
  DuplicateEventIdError,
  resolveKnownIds,
  WrongExpectedVersionError,
} from '../../src/index.js'

const ids = ['a', 'b', 'c'].map((letter) => `${letter.repeat(8)}-0000-4000-8000-000000000000`)
const events = ids.map((id) => ({ id, type: 'T', data: {} }))

describe('append rules shared by every store we implement', () => {
  it('checks every expected-revision mode and reports the actual revision', () => {
    expect(() => checkExpectedRevision('s', 'any', 'no_stream')).not.toThrow()
    expect(() => checkExpectedRevision('s', 'stream_exists', 0n)).not.toThrow()
    expect(() => checkExpectedRevision('s', 3n, 3n)).not.toThrow()
    const error = (() => {
      try {
        checkExpectedRevision('s', 'no_stream', 4n)
      } catch (thrown) {
        return thrown
      }
    })()
    expect(error).toBeInstanceOf(WrongExpectedVersionError)
    expect(error).toMatchObject({ expected: 'no_stream', actual: 4n, code: 'store.wrong_expected_version' })
    expect(() => checkExpectedRevision('s', 0n, 'no_stream')).toThrow('is at no stream, expected revision 0')
  })

  it('refuses a batch with a repeated id or an id that is not a UUID', () => {
    expect(() => checkBatch('s', [events[0]!, { ...events[0]! }])).toThrow(DuplicateEventIdError)
    expect(() => checkBatch('s', [{ id: 'x', type: 'T', data: {} }])).toThrow(TypeError)
  })

  it('answers a retry only when all ids sit consecutively at the expected place', () => {
    const known = new Map([
      [ids[0]!, 4n],
      [ids[1]!, 5n],
    ])
    const retry = events.slice(0, 2)
    expect(resolveKnownIds('s', retry, 3n, known)).toEqual({ kind: 'already_appended', lastRevision: 5n })
    expect(resolveKnownIds('s', retry, 'any', known)).toEqual({ kind: 'already_appended', lastRevision: 5n })
    expect(() => resolveKnownIds('s', retry, 7n, known)).toThrow(DuplicateEventIdError)
    expect(() => resolveKnownIds('s', retry, 'no_stream', known)).toThrow(DuplicateEventIdError)
    expect(() => resolveKnownIds('s', events, 3n, known)).toThrow(DuplicateEventIdError)
    expect(() => resolveKnownIds('s', [events[1]!, events[0]!], 'any', known)).toThrow(DuplicateEventIdError)
    expect(resolveKnownIds('s', events, 'any', new Map())).toEqual({ kind: 'new' })
  })
})
