import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, client, expectStatus } from '../support/client.js'
import { at, boardKey, defineSitting, EXAM, type ExamHttp, makeExamHttp } from './support.js'

/** APL-1: publishing "now" (no `publishAt`) publishes at now, however the clock moves during the request. */
describe('APL-1: publication without publishAt', () => {
  let env: ExamHttp
  let http: Client

  beforeAll(async () => {
    env = await makeExamHttp('memory')
    http = client(env.app)
    await defineSitting(env)
    env.clock.set(at(4 * 60))
    // A clock that moves on by a millisecond each time it is read, like the real one under load.
    const read = env.clock.now
    env.clock.now = () => {
      const instant = read()
      env.clock.advance(1)
      return instant
    }
  })
  afterAll(async () => env?.close())

  it('APL-1: the first call publishes (201), never 422 exam.publication_in_past', async () => {
    const before = env.clock.now()
    const published = await http.post(`/board/sittings/${EXAM}/publication`, {
      headers: boardKey,
      body: { by: 'board-member-1' },
    })
    expect(published.status, published.text).toBe(201)
    const publishedAt = new Date(expectStatus(published, 201).json.publishedAt as string)
    expect(publishedAt.getTime()).toBeGreaterThan(before.getTime())
    expect(publishedAt.getTime()).toBeLessThan(env.clock.now().getTime())
  })
})
