import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, client, expectStatus } from '../support/client.js'
import { at, boardKey, defineSitting, EXAM, type ExamHttp, makeExamHttp } from './support.js'

/** CAL-3 over HTTP: the shipped calendar (2025–2026) cannot count an appeal window in 2027. */
describe('CAL-3: publishing results whose appeal window the calendar does not cover', () => {
  let env: ExamHttp
  let http: Client
  const publish = (publishAt: string) =>
    http.post(`/board/sittings/${EXAM}/publication`, {
      headers: boardKey,
      body: { by: 'board-member-1', publishAt },
    })

  beforeAll(async () => {
    env = await makeExamHttp('memory')
    http = client(env.app)
    await defineSitting(env)
    env.clock.set(at(4 * 60))
  })
  afterAll(async () => env?.close())

  it('CAL-3/APL-2: 28 December 2026 is refused with 422 naming 2027; nothing is published', async () => {
    const refused = await publish('2026-12-28T08:00:00Z')
    expect(refused.status, refused.text).toBe(422)
    expect(refused.json.code).toBe('exam.appeal_window_not_covered')
    expect(refused.json.year).toBe(2027)
    expect(refused.json.detail).toContain('no data for 2027')
    const events = await env.store.readStream(`exam-${EXAM}`)
    expect(events.map((event) => event.type)).toContain('ExamDefined')
    expect(events.filter((event) => event.type === 'ResultsPublished')).toEqual([])
  })

  it('CAL-3/APL-2: 25 December 2026, whose window ends on 30 December, is published', async () => {
    const published = expectStatus(await publish('2026-12-25T08:00:00Z'), 201).json
    expect(published).toMatchObject({ examId: EXAM, publishedAt: '2026-12-25T08:00:00.000Z' })
  })
})
