import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, client, expectStatus } from '../support/client.js'
import { boardKey, type ExamHttp, makeExamHttp, S, sittingBody } from './support.js'

/** EXM-1/EXM-10: a sitting definition is strict, and one nobody could register for is refused. */
describe('EXM-10: strict sitting definitions', () => {
  let env: ExamHttp
  let http: Client
  const define = (body: Record<string, unknown>) => http.post('/board/sittings', { headers: boardKey, body })

  beforeAll(async () => {
    env = await makeExamHttp('memory')
    http = client(env.app)
  })
  afterAll(async () => env?.close())

  it('EXM-10: a misspelt field is refused with 400 naming it, and the exam id stays free', async () => {
    const { timing, ...rest } = sittingBody('strict-1')
    const refused = await define({ ...rest, timimg: timing })
    expect(refused.status, refused.text).toBe(400)
    expect(refused.json.code).toBe('validation.invalid_input')
    expect(refused.text).toContain('body.timimg: unknown field')
    expect(refused.text).toContain('body.timing')
    const extra = await define({ ...sittingBody('strict-1'), colour: 'blue' })
    expect(extra.status, extra.text).toBe(400)
    expect(extra.text).toContain('body.colour: unknown field')
    expectStatus(await define(sittingBody('strict-1')), 201)
  })

  it('EXM-10: a sitting whose registration has already closed is refused with 422', async () => {
    // Registration closes 24 h before the start by default.
    env.clock.set(new Date(S.getTime() - 23 * 3_600_000))
    const refused = await define(sittingBody('strict-2'))
    expect(refused.status, refused.text).toBe(422)
    expect(refused.json.code).toBe('exam.registration_already_closed')
    expect(refused.json.registrationClosesAt).toBe(new Date(S.getTime() - 24 * 3_600_000).toISOString())
  })

  it('EXM-10: the OpenAPI document requires timing, as the server does', async () => {
    const doc = (await http.get('/openapi.json')).json as {
      paths: Record<string, { post: { requestBody: { content: Record<string, { schema: unknown }> } } }>
    }
    const schema = doc.paths['/board/sittings']?.post.requestBody.content['application/json']?.schema as {
      required?: string[]
      additionalProperties?: boolean
    }
    expect(schema.required).toContain('timing')
  })
})
