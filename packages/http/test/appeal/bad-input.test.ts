import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, client, expectStatus } from '../support/client.js'
import { AYNUR } from '../support/flows.js'
import {
  type AppealHttp,
  appealPath,
  BB,
  type Candidate,
  commissionKey,
  EXAM,
  logSize,
  makeAppealHttp,
  runSittingToPublication,
} from './support.js'

const TASK = BB.form.tasks[90]!.id

/**
 * Every appeal route refuses bad input with a 4xx problem and records
 * nothing: the size of the whole log is the same before and after.
 */
describe('appeal routes refuse bad input and change nothing (APL-2…APL-5)', () => {
  let env: AppealHttp
  let http: Client
  let aynur: Candidate
  let appealId: string

  beforeAll(async () => {
    env = await makeAppealHttp('memory')
    http = client(env.app)
    const people = await runSittingToPublication(env, [
      [AYNUR, { subgroup: 'BB1', answer: (_task, index) => (index < 85 ? 'right' : 'wrong') }],
    ])
    aynur = people[0] as Candidate
    appealId = expectStatus(
      await http.post(`/me/exams/${EXAM}/appeals`, {
        token: aynur.token,
        body: { taskIds: [TASK], grounds: 'Option B too.' },
      }),
      201,
    ).json.appealId
  }, 120_000)
  afterAll(async () => env?.close())

  const unchanged = async (
    send: () => Promise<{ status: number; json: { code: string } }>,
    status: number,
    code: string,
  ) => {
    const before = await logSize(env)
    const answer = await send()
    expect({ status: answer.status, code: answer.json.code }).toEqual({ status, code })
    expect(await logSize(env)).toBe(before)
  }
  const file = (body: unknown, raw?: string) => () =>
    http.post(`/me/exams/${EXAM}/appeals`, {
      token: aynur.token,
      ...(raw === undefined ? { body } : { raw }),
    })
  const commission =
    (what: string, body: unknown, id = appealId) =>
    () =>
      http.post(`/commission/appeals/${appealPath(id)}/${what}`, { headers: commissionKey, body })

  it('APL-3 filing: missing, wrongly typed, blank, duplicate or unknown tasks; not JSON; a sitting without a session', async () => {
    await unchanged(file({ grounds: 'x' }), 400, 'validation.invalid_input')
    await unchanged(file({ taskIds: 'bb-90', grounds: 'x' }), 400, 'validation.invalid_input')
    await unchanged(file({ taskIds: [], grounds: 'x' }), 400, 'validation.invalid_input')
    await unchanged(file({ taskIds: [TASK, TASK], grounds: 'x' }), 400, 'validation.invalid_input')
    await unchanged(file({ taskIds: [TASK], grounds: '   ' }), 400, 'validation.invalid_input')
    await unchanged(file({ taskIds: [TASK], grounds: 'x'.repeat(4001) }), 400, 'validation.invalid_input')
    await unchanged(file(undefined, '{"taskIds": ['), 400, 'http.malformed_json')
    await unchanged(
      () =>
        http.post('/me/exams/no-such-sitting/appeals', {
          token: aynur.token,
          body: { taskIds: [TASK], grounds: 'x' },
        }),
      404,
      'session.not_found',
    )
    await unchanged(
      () => http.post(`/me/exams/${EXAM}/appeals`, { body: { taskIds: [TASK], grounds: 'x' } }),
      401,
      'auth.unauthenticated',
    )
  })

  it('reading: an id that was not derived, another session’s id, a bad status filter', async () => {
    await unchanged(
      () => http.get('/me/appeals/not-an-appeal', { token: aynur.token }),
      404,
      'appeal.not_found',
    )
    await unchanged(
      () => http.get(`/me/appeals/${appealPath(`${EXAM}.someone-else:appeal-1`)}`, { token: aynur.token }),
      404,
      'appeal.not_found',
    )
    await unchanged(
      () => http.get('/commission/appeals/nothing:appeal-x', { headers: commissionKey }),
      404,
      'appeal.not_found',
    )
    await unchanged(
      () => http.get('/commission/appeals?status=closed', { headers: commissionKey }),
      400,
      'validation.invalid_input',
    )
  })

  it('APL-4 decisions: missing or blank reasons, no member, malformed or empty corrections, unknown kinds, unknown appeals', async () => {
    await unchanged(commission('rejection', { by: 'apl-1' }), 400, 'validation.invalid_input')
    await unchanged(commission('rejection', { reasons: ' ', by: 'apl-1' }), 400, 'validation.invalid_input')
    await unchanged(commission('rejection', { reasons: 'x', by: '' }), 400, 'validation.invalid_input')
    await unchanged(
      commission('upholding', { corrections: [], reasons: 'x', by: 'apl-1' }),
      422,
      'appeal.invalid_corrections',
    )
    await unchanged(
      commission('upholding', { corrections: [{ taskId: TASK, kind: 'wrong' }], reasons: 'x', by: 'apl-1' }),
      400,
      'validation.invalid_input',
    )
    await unchanged(
      commission('upholding', { corrections: 'all', reasons: 'x', by: 'apl-1' }),
      400,
      'validation.invalid_input',
    )
    await unchanged(
      commission('upholding', {
        corrections: [
          { taskId: TASK, kind: 'credited' },
          { taskId: TASK, kind: 'credited' },
        ],
        reasons: 'x',
        by: 'apl-1',
      }),
      422,
      'appeal.invalid_corrections',
    )
    await unchanged(
      commission('rejection', { reasons: 'x', by: 'apl-1' }, `${aynur.sessionId}:appeal-7`),
      404,
      'appeal.not_found',
    )
  })

  it('APL-5 court: before a decision, a bad outcome, corrections that contradict the outcome', async () => {
    await unchanged(
      commission('court-case', { caseReference: 'c-1', by: 'apl-1' }),
      409,
      'appeal.not_decided',
    )
    await unchanged(commission('court-case', { by: 'apl-1' }), 400, 'validation.invalid_input')
    expectStatus(await commission('rejection', { reasons: 'Stands.', by: 'apl-1' })(), 200)
    expectStatus(await commission('court-case', { caseReference: 'c-1', by: 'apl-1' })(), 200)
    await unchanged(
      commission('court-ruling', { outcome: 'maybe', rulingReference: 'r', by: 'apl-1' }),
      400,
      'validation.invalid_input',
    )
    await unchanged(
      commission('court-ruling', { outcome: 'result_changed', rulingReference: 'r', by: 'apl-1' }),
      422,
      'appeal.invalid_ruling',
    )
    await unchanged(
      commission('court-ruling', {
        outcome: 'decision_stands',
        corrections: [{ taskId: TASK, kind: 'credited' }],
        rulingReference: 'r',
        by: 'apl-1',
      }),
      422,
      'appeal.invalid_ruling',
    )
    await unchanged(
      commission('court-case', { caseReference: 'c-2', by: 'apl-1' }),
      409,
      'appeal.court_case_filed',
    )
  })
})
