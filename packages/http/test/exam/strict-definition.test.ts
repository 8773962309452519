import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, client, expectStatus } from '../support/client.js'
import { boardKey, type ExamHttp, makeExamHttp, S, sittingBody } from './support.js'

/** EXM-1/EXM-10: a sitting definition is strict, and one nobody could register for is refused. */
describe('EXM-10: strict sitting definitions', () => {
  let env: ExamHttp
  let http: Client
  const define = (body: Record<string, unknown>) => http.post('/board/sittings', { headers: boardKey, body })
  const logSize = async () => (await env.store.readAll()).length

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
    expect(refused.json.problems).toContain('body.timimg: unknown field')
    // `timing` is required, so the misspelling is caught twice: unknown, and missing.
    expect(refused.text).toContain('body.timing')
    const extra = await define({ ...sittingBody('strict-1'), colour: 'blue' })
    expect(extra.status, extra.text).toBe(400)
    expect(extra.json.problems).toEqual(['body.colour: unknown field'])
    expect(await logSize()).toBe(0)
    expectStatus(await define(sittingBody('strict-1')), 201)
  })

  it('EXM-10: unknown fields nested in timing, venue, halls, forms and tasks are refused with their path', async () => {
    const body = sittingBody('strict-3')
    const [first, ...others] = body.forms
    const [task, ...tasks] = first!.form.tasks
    const before = await logSize()
    const refused = await define({
      ...body,
      timing: { durationMinute: 120 },
      venue: { ...body.venue, floor: 2 },
      halls: [body.halls[0], { ...body.halls[1], capacity: 3 }],
      forms: [
        { ...first, form: { ...first!.form, tasks: [{ ...task, points: 2 }, ...tasks] }, notes: 'x' },
        ...others,
      ],
    })
    expect(refused.status, refused.text).toBe(400)
    expect(refused.json.problems).toEqual(
      expect.arrayContaining([
        'body.timing.durationMinute: unknown field',
        'body.venue.floor: unknown field',
        'body.halls.1.capacity: unknown field',
        'body.forms.0.notes: unknown field',
        'body.forms.0.form.tasks.0.points: unknown field',
      ]),
    )
    expect(refused.json.problems).toHaveLength(5)
    expect(await logSize()).toBe(before)
    // The same body without them is a sitting.
    expectStatus(await define(body), 201)
  })

  it('EXM-10: a sitting whose registration has already closed is refused with 422', async () => {
    // Registration closes 24 h before the start by default.
    env.clock.set(new Date(S.getTime() - 23 * 3_600_000))
    const before = await logSize()
    const refused = await define(sittingBody('strict-2'))
    expect(refused.status, refused.text).toBe(422)
    expect(refused.json.code).toBe('exam.registration_already_closed')
    expect(refused.json.registrationClosesAt).toBe(new Date(S.getTime() - 24 * 3_600_000).toISOString())
    expect(refused.json.detail).toContain('nobody could register')
    expect(await logSize()).toBe(before)
  })

  it('EXM-10: a sitting whose start has passed is refused with 422 naming the start', async () => {
    env.clock.set(new Date(S.getTime() + 60_000))
    const refused = await define(sittingBody('strict-4'))
    expect(refused.status, refused.text).toBe(422)
    expect(refused.json.code).toBe('exam.invalid_definition')
    expect(refused.json.problems).toContain(`the start ${S.toISOString()} is not in the future`)
  })

  it('EXM-10: the OpenAPI document requires timing, as the server does, and gives every default', async () => {
    const doc = (await http.get('/openapi.json')).json as {
      paths: Record<string, { post: { requestBody: { content: Record<string, { schema: unknown }> } } }>
    }
    const schema = doc.paths['/board/sittings']?.post.requestBody.content['application/json']?.schema as {
      required?: string[]
      additionalProperties?: boolean
      properties: { timing: { properties: Record<string, { default?: number }>; required?: string[] } }
    }
    expect(schema.required).toContain('timing')
    expect(schema.additionalProperties).toBe(false)
    const timing = schema.properties.timing
    expect(timing.required ?? []).toEqual([])
    expect(
      Object.fromEntries(Object.entries(timing.properties).map(([name, p]) => [name, p.default])),
    ).toEqual({
      arrivalBeforeStartMinutes: 30,
      familiarisationMinutes: 15,
      durationMinutes: 180,
      earliestFinishMinutes: 45,
      registrationClosesBeforeStartMinutes: 1440,
    })
  })
})
