import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Answer, type Client, client, expectStatus } from '../support/client.js'
import { RASHAD } from '../support/flows.js'
import {
  boardKey,
  defineSitting,
  EXAM,
  type ExamHttp,
  fundedCandidate,
  makeExamHttp,
  OTHER_STAFF_SECRET,
  sittingBody,
  staffKey,
} from './support.js'

/** Every exam route refuses bad input with a 4xx problem and records nothing. */
describe('exam routes: bad input changes nothing', () => {
  let env: ExamHttp
  let http: Client
  let token = ''
  let sessionId = ''
  const count = async () => (await env.store.readAll()).length
  const refused = async (request: Promise<Answer>, status: number, code?: string) => {
    const before = await count()
    const answer = await request
    expect(answer.status, answer.text).toBe(status)
    expect(answer.headers.get('content-type')).toContain('application/problem+json')
    if (code !== undefined) expect(answer.json.code).toBe(code)
    expect(await count()).toBe(before)
    return answer
  }

  beforeAll(async () => {
    env = await makeExamHttp('memory')
    http = client(env.app)
    await defineSitting(env)
    const rashad = await fundedCandidate(http, RASHAD, '20.00')
    token = rashad.token
    sessionId = rashad.sessionId
    expectStatus(await http.post(`/me/exams/${EXAM}/registration`, { token, body: { subgroup: 'AA2' } }), 201)
  })
  afterAll(async () => env?.close())

  it('EXM-1: a form that does not match its blueprint is refused with every mismatch listed', async () => {
    const body = sittingBody('cs-bad')
    const [aa, bb] = body.forms
    const dropped = aa!.form.tasks[0]!
    const broken = {
      ...aa!,
      form: {
        ...aa!.form,
        tasks: aa!.form.tasks.slice(1),
        variants: [{ name: 'A', order: aa!.form.tasks.slice(1).map((task) => task.id) }],
      },
    }
    // BB: one closed task loses its options, so its key letter is out of range too.
    const [first, ...rest] = bb!.form.tasks
    const bbBroken = { ...bb!, form: { ...bb!.form, tasks: [{ ...first!, options: ['only'] }, ...rest] } }
    const answer = await refused(
      http.post('/board/sittings', { headers: boardKey, body: { ...body, forms: [broken, bbBroken] } }),
      422,
      'exam.form_mismatch',
    )
    expect(answer.json.type).toBe('urn:imtahan:problem:exam.form_mismatch')
    expect(answer.json.groups).toEqual(['AA', 'BB'])
    // Every mismatch of each form at once, structured: the task count, the subject count, the key for the missing task…
    const mismatches: { formId: string; group: string; rule: string; kind: string; taskId?: string }[] =
      answer.json.mismatches
    const aaKinds = mismatches.filter((m) => m.group === 'AA' && m.formId === 'form-AA').map((m) => m.kind)
    expect(aaKinds).toEqual(expect.arrayContaining(['task_count', 'subject_count', 'key_for_unknown_task']))
    expect(mismatches).toContainEqual(
      expect.objectContaining({
        group: 'AA',
        rule: 'SCO-2',
        kind: 'key_for_unknown_task',
        taskId: dropped.id,
      }),
    )
    // …and BB's, per group.
    expect(mismatches.filter((m) => m.group === 'BB')).toEqual([
      expect.objectContaining({ formId: 'form-BB', kind: 'closed_task_options', taskId: first!.id }),
    ])
    expect(mismatches.every((m) => typeof m.rule === 'string' && m.kind !== '')).toBe(true)
    // The same, as sentences a person can act on.
    const problems: string[] = answer.json.problems
    expect(problems).toHaveLength(mismatches.length)
    expect(problems.filter((p) => p.startsWith('form form-AA (AA):'))).toHaveLength(aaKinds.length)
    expect(answer.json.detail).toContain('form form-BB (BB):')
    // Nothing was defined.
    expect((await http.get('/board/sittings/cs-bad', { headers: boardKey })).status).toBe(404)
  })

  it('EXM-1: other problems of a definition stay readable next to the form mismatches', async () => {
    const body = sittingBody('cs-bad-2')
    const answer = await refused(
      http.post('/board/sittings', { headers: boardKey, body: { ...body, halls: [] } }),
      422,
      'exam.invalid_definition',
    )
    expect(answer.json.problems).toEqual(['a sitting needs at least one hall'])
    const [aa] = body.forms
    const both = await refused(
      http.post('/board/sittings', {
        headers: boardKey,
        body: { ...body, halls: [], forms: [{ ...aa!, form: { ...aa!.form, variants: [] } }] },
      }),
      422,
      'exam.form_mismatch',
    )
    expect(both.json.problems[0]).toBe('a sitting needs at least one hall')
    expect(both.json.mismatches).toEqual([
      expect.objectContaining({ formId: 'form-AA', group: 'AA', rule: 'SCO-0', kind: 'no_variants' }),
    ])
  })

  it('EXM-1: a malformed definition lists every shape problem in one 400', async () => {
    const answer = await refused(
      http.post('/board/sittings', { headers: boardKey, body: { examId: 'x', title: 3, forms: 'none' } }),
      400,
      'validation.invalid_input',
    )
    expect(answer.json.problems.length).toBeGreaterThanOrEqual(3)
  })

  it('SPEC §5: board routes need the board key, staff routes a staff key for this sitting', async () => {
    await refused(http.post('/board/sittings', { body: sittingBody('cs-x') }), 401, 'auth.unauthenticated')
    await refused(http.post('/board/sittings', { headers: staffKey, body: sittingBody('cs-x') }), 401)
    await refused(http.get(`/staff/sittings/${EXAM}/sessions`, { headers: boardKey }), 401)
    await refused(
      http.get(`/staff/sittings/${EXAM}/sessions`, { headers: { 'x-api-key': OTHER_STAFF_SECRET } }),
      403,
      'auth.forbidden',
    )
    await refused(http.get(`/me/exams/${EXAM}`, { headers: staffKey }), 401)
  })

  it('EXM-10: registration refuses an unknown subgroup, a group not offered, an unknown sitting and a repeat', async () => {
    await refused(http.post(`/me/exams/${EXAM}/registration`, { token, body: { subgroup: 'ZZ9' } }), 400)
    await refused(http.post(`/me/exams/${EXAM}/registration`, { token, body: {} }), 400)
    await refused(http.post('/me/exams/no-such/registration', { token, body: { subgroup: 'AA2' } }), 404)
    await refused(
      http.post(`/me/exams/${EXAM}/registration`, { token, body: { subgroup: 'AA2' } }),
      409,
      'session.already_registered',
    )
  })

  it('EXM-11/12/13/19/20: staff actions with bad bodies or another sitting’s session are refused', async () => {
    const base = `/staff/sittings/${EXAM}/sessions/${sessionId}`
    await refused(http.post(`${base}/admission`, { headers: staffKey, body: { document: 'passport' } }), 400)
    await refused(
      http.post(`${base}/admission`, {
        headers: staffKey,
        body: { document: { kind: 'driving_licence' }, slip: null, by: 'staff-1' },
      }),
      400,
      'validation.invalid_input',
    )
    await refused(
      http.post(`${base}/hall-registration`, {
        headers: staffKey,
        body: { hallId: 'hall-1', seat: 1, by: 's' },
      }),
      422,
    )
    await refused(
      http.post(`${base}/pauses`, {
        headers: staffKey,
        body: { pauseId: 'p', incident: 'fire', note: 'x', by: 's' },
      }),
      400,
    )
    await refused(http.post(`${base}/resumption`, { headers: staffKey, body: {} }), 400)
    await refused(
      http.post(`${base}/violations`, {
        headers: staffKey,
        body: { violationId: 'v', kind: 'singing', outcome: 'warning', note: 'x', by: 's' },
      }),
      400,
    )
    await refused(
      http.post(`/staff/sittings/${EXAM}/sessions/OTHER.${sessionId.split('.')[1]}/pauses`, {
        headers: staffKey,
        body: { pauseId: 'p', incident: 'power', note: 'x', by: 's' },
      }),
      404,
      'session.not_found',
    )
  })

  it('EXM-15/16/17: answers, tasks, finish and certificate are refused before the start; results before publication', async () => {
    const task = sittingBody().forms[0]!.form.tasks[0]!.id
    await refused(http.get(`/me/exams/${EXAM}/tasks`, { token }), 409, 'session.not_started')
    await refused(http.put(`/me/exams/${EXAM}/answers/${task}`, { token, body: { answer: 7 } }), 400)
    await refused(http.put(`/me/exams/${EXAM}/answers/${task}`, { token, body: { answer: 'A' } }), 422)
    await refused(http.post(`/me/exams/${EXAM}/finish`, { token }), 422)
    await refused(http.get(`/me/exams/${EXAM}/certificate`, { token }), 422, 'session.not_ended')
    await refused(http.get(`/me/exams/${EXAM}/result`, { token }), 409, 'exam.results_not_published')
    await refused(http.get('/me/exams/other-sitting', { token }), 404, 'session.not_found')
  })

  it('SCO-5/EXM-21/APL-1: reviews, annulments and publication before the end of the exam are refused', async () => {
    const review = { reviewId: 'r', kind: 'credit_to_all', taskId: 'aa-0', reason: 'x' }
    await refused(
      http.post(`/board/sittings/${EXAM}/reviews/dry-run`, { headers: boardKey, body: { review: 'all' } }),
      400,
    )
    await refused(
      http.post(`/board/sittings/${EXAM}/reviews`, { headers: boardKey, body: { review, by: 'b' } }),
      422,
    )
    await refused(
      http.post(`/board/sittings/${EXAM}/annulments`, {
        headers: boardKey,
        body: {
          decisionId: 'd',
          grounds: 'copying',
          sessionIds: [sessionId],
          reason: 'x',
          evidenceRef: 'e',
          by: 'b',
        },
      }),
      422,
    )
    await refused(
      http.post(`/board/sittings/${EXAM}/publication`, { headers: boardKey, body: { by: 'b' } }),
      422,
    )
    await refused(
      http.post(`/board/sittings/${EXAM}/sessions/${sessionId}/extensions`, {
        headers: boardKey,
        body: { extensionId: 'e', minutes: -5, reason: 'x', by: 'b' },
      }),
      400,
    )
    await refused(http.get('/board/sittings/nothing-here', { headers: boardKey }), 404)
  })
})
