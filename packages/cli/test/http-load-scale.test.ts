import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { benchAnswerScale } from '../src/bench/http-load-scale.js'

const DATABASE_URL = process.env.DATABASE_URL
const built = existsSync(fileURLToPath(new URL('../dist/main.js', import.meta.url)))

describe('the two-process answer bench checks what it claims', () => {
  it.skipIf(DATABASE_URL === undefined || !built)(
    'a small run on one and on two real serve processes: every answer accepted and in the store',
    async () => {
      const result = await benchAnswerScale({
        databaseUrl: DATABASE_URL ?? '',
        rounds: 1,
        seconds: 1,
        connections: 4,
        candidates: 8,
        warmupRequests: 10,
        warmupRoundRequests: 30,
        client: 'inline',
      })
      expect(result.rounds.map(([processes]) => processes)).toEqual([1, 2])
      expect(result.one.answers).toBeGreaterThan(0)
      expect(result.two.answers).toBeGreaterThan(0)
      expect(result).toMatchObject({ refused: 0, lost: 0, candidates: 8, connections: 4 })
      // Every answer sent was accepted: the measured ones, each round's 10 and the 30 of the warm-up round.
      expect(result.accepted).toBe(result.one.answers + result.two.answers + 20 + 30)
      // The two-process rounds really send a candidate's answers to both processes (a
      // per-connection turn with 2 candidates per connection sent each to one process only).
      expect(result.switchedShare).toBeGreaterThan(0.2)
      // Read from both servers' /metrics (a missing count throws): what the cache follower missed.
      expect(result.conflicts).toBeGreaterThanOrEqual(0)
    },
    180_000,
  )
})
