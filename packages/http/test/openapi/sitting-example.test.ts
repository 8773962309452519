import { readFileSync } from 'node:fs'
import { DEFAULT_TIMING } from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exampleFormWithKey } from '../../src/examples/sitting.js'
import { unknownFields } from '../../src/openapi/exactness.js'
import { boardKey, type ExamHttp, makeExamHttp } from '../exam/support.js'
import { client, expectStatus } from '../support/client.js'

const score = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../../../docs/examples/score/${name}`, import.meta.url), 'utf8'))

/** The sitting of the OpenAPI example is one an integrator can send as it is. */
describe('EXM-1/EXM-10: the documented sitting example', () => {
  let env: ExamHttp
  beforeAll(async () => {
    env = await makeExamHttp('memory')
  })
  afterAll(async () => env?.close())

  it('EXM-1: its form and key are those of docs/examples/score (the form the walkthrough and `imtahan score` use)', () => {
    const { form, key } = exampleFormWithKey()
    expect(form).toEqual(score('form.json'))
    expect(key).toEqual(score('key.json'))
  })

  it('EXM-10: the JSON of docs/exams.md is a DefineSitting body (no undeclared member) with every timing default', async () => {
    const text = readFileSync(new URL('../../../../docs/exams.md', import.meta.url), 'utf8')
    const section = text.slice(text.indexOf('#### A sitting definition, in full'))
    const json = JSON.parse(/```json\n([\s\S]*?)```/.exec(section)?.[1] ?? 'null')
    const route = env.routes.find((r) => r.method === 'post' && r.path === '/board/sittings')
    const codec = route?.body as t.Mixed
    expect(E.isRight(codec.decode(json))).toBe(true)
    expect(unknownFields(codec, json, 'body')).toEqual([])
    expect(json.timing).toEqual(DEFAULT_TIMING)
    // The shortened form is refused by the blueprint, as the page says.
    const http = client(env.app)
    const refused = await http.post('/board/sittings', { headers: boardKey, body: json })
    expect(refused.status, refused.text).toBe(422)
    expect(refused.json.code).toBe('exam.form_mismatch')
  })

  it('EXM-1/EXM-10: the server defines a sitting from the document’s own example (blueprint check included)', async () => {
    const http = client(env.app)
    const document = (await http.get('/openapi.json')).json
    const example = document.paths['/board/sittings'].post.requestBody.content['application/json'].example
    const defined = expectStatus(
      await http.post('/board/sittings', { headers: boardKey, body: example }),
      201,
    )
    expect(defined.json).toMatchObject({ examId: example.examId, groups: ['AA'], fee: '15.00' })
  })
})
