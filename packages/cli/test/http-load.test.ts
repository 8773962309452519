import { describe, expect, it } from 'vitest'
import { benchAnswerLoad, missingAnswers } from '../src/bench/http-load.js'

const DATABASE_URL = process.env.DATABASE_URL

describe('the answer load test checks what it claims', () => {
  it('an accepted answer missing from the stream, or stored out of order, counts as lost', () => {
    const stored = [
      { taskId: 'bb-1', answer: 'A' },
      { taskId: 'bb-2', answer: 'A' },
      { taskId: 'bb-1', answer: 'B' },
    ]
    expect(
      missingAnswers(stored, [
        [0, 'bb-1', 'A'],
        [0, 'bb-2', 'A'],
        [0, 'bb-1', 'B'],
      ]),
    ).toBe(0)
    // Stored but not accepted (a request that failed after the write) is no loss.
    expect(
      missingAnswers(stored, [
        [0, 'bb-1', 'A'],
        [0, 'bb-1', 'B'],
      ]),
    ).toBe(0)
    expect(
      missingAnswers(stored, [
        [0, 'bb-1', 'A'],
        [0, 'bb-3', 'A'],
      ]),
    ).toBe(1)
    expect(
      missingAnswers(stored, [
        [0, 'bb-1', 'B'],
        [0, 'bb-2', 'A'],
      ]),
    ).toBe(1)
    expect(missingAnswers([], [[0, 'bb-1', 'A']])).toBe(1)
  })

  it.skipIf(DATABASE_URL === undefined)(
    'a small run over HTTP on PostgreSQL: every request is answered 200 and every answer is in the store',
    async () => {
      const result = await benchAnswerLoad({
        databaseUrl: DATABASE_URL ?? '',
        seconds: 30,
        maxRequests: 120,
        warmupRequests: 20,
        connections: 3,
        candidates: 5,
        client: 'inline',
      })
      expect(result).toMatchObject({
        requests: 120,
        accepted: 140,
        refused: 0,
        statuses: { 200: 140 },
        lost: 0,
        candidates: 5,
        connections: 3,
      })
    },
    120_000,
  )
})
