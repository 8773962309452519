import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Backing } from '../support/app.js'
import { type Answer, type Client, client, expectStatus } from '../support/client.js'
import { AYNUR, KAMRAN, RASHAD } from '../support/flows.js'
import { expectNoAppeal, expectServices, expectUnauthenticated } from './services-used.js'
import {
  AA,
  type AppealHttp,
  appealPath,
  BB,
  BOARD_KEY,
  type Candidate,
  COMMISSION_KEY,
  commissionKey,
  DEADLINE,
  EXAM,
  logSize,
  makeAppealHttp,
  PUBLISHED_AT,
  runSittingToPublication,
  STAFF_SECRET,
} from './support.js'

const closedOf = (form: typeof AA) => form.form.tasks.filter((task) => task.type === 'closed')
/** Rashad (AA2, pass mark 112): every open task right (80) + 31 closed right = 111; the 32nd closed answered wrongly. */
const RASHAD_DISPUTED = closedOf(AA)[31]!.id
const RASHAD_BLANK = closedOf(AA)[32]!.id
/** Aynur (BB1, pass mark 80): 85 right, the rest wrong. */
const AYNUR_DISPUTED = BB.form.tasks[90]!.id
const AYNUR_OTHER = BB.form.tasks[91]!.id

/**
 * Appeals end to end over HTTP (APL-2…APL-6, CAB-11): a sitting run to
 * published results over the exam routes, then Aynur's appeal rejected
 * (result unchanged) with a second one refused while it is open, Rashad's
 * upheld (111 → 112, fail → pass, shown in his record with the revision),
 * and Kamran's refused as late, with the deadline in Baku time. Every
 * candidate answer is kept to prove none carries a key or a staff secret.
 */
export const appealsOverHttp = (backing: Backing) => {
  let env: AppealHttp
  let http: Client
  let rashad: Candidate
  let aynur: Candidate
  let kamran: Candidate
  let aynurAppeal: string
  let rashadAppeal: string
  const candidateAnswers: Answer[] = []
  const as = async (answer: Promise<Answer>) => {
    const got = await answer
    candidateAnswers.push(got)
    return got
  }
  const record = async (who: Candidate) =>
    expectStatus(await as(http.get('/cabinets/me/record', { token: who.token })), 200).json.sessions[0]
  const decide = (appealId: string, what: string, body: unknown) =>
    http.post(`/commission/appeals/${appealPath(appealId)}/${what}`, { headers: commissionKey, body })

  beforeAll(async () => {
    env = await makeAppealHttp(backing)
    http = client(env.app)
    const people = await runSittingToPublication(
      env,
      [
        [
          RASHAD,
          {
            subgroup: 'AA2',
            answer: (task) =>
              task.id === RASHAD_DISPUTED
                ? 'wrong'
                : task.id === RASHAD_BLANK
                  ? 'blank'
                  : task.type === 'open' || closedOf(AA).findIndex((closed) => closed.id === task.id) < 31
                    ? 'right'
                    : 'wrong',
          },
        ],
        [AYNUR, { subgroup: 'BB1', answer: (_task, index) => (index < 85 ? 'right' : 'wrong') }],
        [KAMRAN, { subgroup: 'BB1', answer: (_task, index) => (index < 50 ? 'right' : 'blank') }],
      ],
      async ([first]) => {
        // APL-1: every session has ended, but nothing is published yet.
        const early = await as(
          http.post(`/me/exams/${EXAM}/appeals`, {
            token: first!.token,
            body: { taskIds: [RASHAD_DISPUTED], grounds: 'Too early' },
          }),
        )
        expect(early.status).toBe(409)
        expect(early.json.code).toBe('appeal.not_published')
      },
    )
    ;[rashad, aynur, kamran] = people as [Candidate, Candidate, Candidate]
  }, 240_000)
  afterAll(async () => env?.close())

  it('CAB-11/APL-2: after publication the record shows the result, the deadline (Asia/Baku, shipped calendar) and canAppeal', async () => {
    expect(env.clock.now().toISOString()).toBe(PUBLISHED_AT.toISOString())
    const session = await record(rashad)
    expect(session).toMatchObject({
      sessionId: rashad.sessionId,
      examId: EXAM,
      status: 'ended',
      publishedAt: PUBLISHED_AT.toISOString(),
      result: { score: 111, scoreAtEnd: 111, passMark: 112, passed: false, annulled: false },
      revisions: [],
      appealWindow: { status: 'open', closesAt: DEADLINE, lastDay: '2026-06-16' },
      canAppeal: true,
      appeals: [],
    })
  })

  it('APL-3/APL-4 rejected: Aynur files, a second appeal while it is open is 409, the commission rejects and the result is unchanged', async () => {
    env.clock.set('2026-06-11T07:00:00Z')
    const filed = expectStatus(
      await as(
        http.post(`/me/exams/${EXAM}/appeals`, {
          token: aynur.token,
          headers: { 'idempotency-key': 'aynur-appeal-1' },
          body: { taskIds: [AYNUR_DISPUTED], grounds: 'Option B is also defensible.' },
        }),
      ),
      201,
    ).json
    aynurAppeal = filed.appealId
    expect(filed).toMatchObject({
      appealId: `${aynur.sessionId}:appeal-1`,
      status: 'open',
      sequence: 1,
      deadline: DEADLINE,
      disputed: [{ taskId: AYNUR_DISPUTED, answer: expect.any(String) }],
      revisions: [],
    })
    // The same filing again (a lost answer, no key): the open appeal, not a second one.
    const again = expectStatus(
      await as(
        http.post(`/me/exams/${EXAM}/appeals`, {
          token: aynur.token,
          body: { taskIds: [AYNUR_DISPUTED], grounds: 'Option B is also defensible.' },
        }),
      ),
      201,
    ).json
    expect(again.appealId).toBe(aynurAppeal)
    const before = await logSize(env)
    const second = await as(
      http.post(`/me/exams/${EXAM}/appeals`, {
        token: aynur.token,
        body: { taskIds: [AYNUR_OTHER], grounds: 'And this one too.' },
      }),
    )
    expect(second.status).toBe(409)
    expect(second.json).toMatchObject({
      type: 'urn:imtahan:problem:appeal.already_open',
      code: 'appeal.already_open',
      openAppealId: aynurAppeal,
    })
    expect(await logSize(env)).toBe(before)

    const open = expectStatus(
      await http.get('/commission/appeals?status=open', { headers: commissionKey }),
      200,
    ).json
    expect(open.map((appeal: { appealId: string }) => appeal.appealId)).toEqual([aynurAppeal])
    expect(open[0]).toMatchObject({ cabinetId: aynur.cabinetId, grounds: 'Option B is also defensible.' })

    env.clock.set('2026-06-12T08:00:00Z')
    const rejected = expectStatus(
      await decide(aynurAppeal, 'rejection', {
        reasons: 'Only option A follows from the text.',
        by: 'apl-1',
      }),
      200,
    ).json
    expect(rejected).toMatchObject({
      status: 'rejected',
      rescore: 'none',
      decidedBy: 'apl-1',
      decision: { outcome: 'rejected', reasons: 'Only option A follows from the text.', corrections: [] },
      revisions: [],
    })
    // A decision is final: the same one again records nothing; another is 409.
    const size = await logSize(env)
    expectStatus(
      await decide(aynurAppeal, 'rejection', {
        reasons: 'Only option A follows from the text.',
        by: 'apl-1',
      }),
      200,
    )
    const flip = await decide(aynurAppeal, 'upholding', {
      corrections: [{ taskId: AYNUR_DISPUTED, kind: 'credited' }],
      reasons: 'Changed our mind',
      by: 'apl-1',
    })
    expect(flip.status).toBe(409)
    expect(flip.json.code).toBe('appeal.already_decided')
    expect(await logSize(env)).toBe(size)

    const session = await record(aynur)
    expect(session.result).toMatchObject({ score: 85, passed: true })
    expect(session.revisions).toEqual([])
    expect(session.appeals).toEqual([
      expect.objectContaining({
        appealId: aynurAppeal,
        status: 'rejected',
        decision: expect.objectContaining({
          outcome: 'rejected',
          reasons: 'Only option A follows from the text.',
        }),
      }),
    ])
    expect(session.appeals[0].decision.decidedBy).toBeUndefined()
    const followed = expectStatus(
      await as(http.get(`/me/appeals/${appealPath(aynurAppeal)}`, { token: aynur.token })),
      200,
    ).json
    expect(followed).toMatchObject({ status: 'rejected', decision: { outcome: 'rejected' } })
    expect(followed.decidedBy).toBeUndefined()
  })

  it('APL-4/APL-6 upheld: Rashad’s accepted answer re-scores 111 → 112 and flips fail → pass, once, visible in his record', async () => {
    env.clock.set('2026-06-15T10:00:00Z')
    const filed = expectStatus(
      await as(
        http.post(`/me/exams/${EXAM}/appeals`, {
          token: rashad.token,
          body: { taskIds: [RASHAD_DISPUTED, RASHAD_BLANK], grounds: 'My answer is correct too.' },
        }),
      ),
      201,
    ).json
    rashadAppeal = filed.appealId
    const blankAccepted = await decide(rashadAppeal, 'upholding', {
      corrections: [{ taskId: RASHAD_BLANK, kind: 'answer_accepted' }],
      reasons: 'x',
      by: 'apl-2',
    })
    expect(blankAccepted.status).toBe(422)
    expect(blankAccepted.json.code).toBe('appeal.no_answer_to_accept')
    const notDisputed = await decide(rashadAppeal, 'upholding', {
      corrections: [{ taskId: AA.form.tasks[0]!.id, kind: 'credited' }],
      reasons: 'x',
      by: 'apl-2',
    })
    expect(notDisputed.status).toBe(422)
    expect(notDisputed.json.code).toBe('appeal.task_not_disputed')

    const upheld = expectStatus(
      await decide(rashadAppeal, 'upholding', {
        corrections: [{ taskId: RASHAD_DISPUTED, kind: 'answer_accepted' }],
        reasons: 'The option Rashad chose is also correct.',
        by: 'apl-2',
      }),
      200,
    ).json
    expect(upheld).toMatchObject({
      status: 'upheld',
      rescore: 'done',
      decision: { outcome: 'upheld', corrections: [{ taskId: RASHAD_DISPUTED, kind: 'answer_accepted' }] },
      revisions: [
        {
          revisionId: `${rashadAppeal}:commission`,
          by: 'commission',
          oldScore: 111,
          newScore: 112,
          oldPassed: false,
          newPassed: true,
        },
      ],
    })
    // The process runner over the log meets the AppealUpheld again: the session is re-scored once.
    await env.imtahan.settle()
    const session = await record(rashad)
    expect(session.result).toMatchObject({ score: 112, scoreAtEnd: 111, passed: true })
    expect(session.revisions).toEqual([
      expect.objectContaining({
        kind: 'appeal',
        ref: `${rashadAppeal}:commission`,
        oldScore: 111,
        newScore: 112,
        oldPassed: false,
        newPassed: true,
      }),
    ])
    expect(session.appeals).toEqual([expect.objectContaining({ appealId: rashadAppeal, status: 'upheld' })])
    const mine = expectStatus(await as(http.get('/me/appeals', { token: rashad.token })), 200).json
    expect(mine).toHaveLength(1)
    expect(mine[0]).toMatchObject({ status: 'upheld', revisions: [{ oldScore: 111, newScore: 112 }] })
    const ofSitting = expectStatus(
      await as(http.get(`/me/exams/${EXAM}/appeals`, { token: rashad.token })),
      200,
    ).json
    expect(ofSitting.map((appeal: { appealId: string }) => appeal.appealId)).toEqual([rashadAppeal])
    // The commission lists decided appeals newest decision first.
    const all = expectStatus(await http.get('/commission/appeals', { headers: commissionKey }), 200).json
    expect(all.map((appeal: { appealId: string }) => appeal.appealId)).toEqual([rashadAppeal, aynurAppeal])
  })

  it('APL-5: the court case and a ruling that lets the decision stand are recorded; the result is unchanged', async () => {
    const early = await decide(aynurAppeal, 'court-ruling', {
      outcome: 'decision_stands',
      rulingReference: 'r-1',
      by: 'apl-1',
    })
    expect(early.status).toBe(409)
    expect(early.json.code).toBe('appeal.no_court_case')
    expectStatus(await decide(aynurAppeal, 'court-case', { caseReference: 'case-2026-77', by: 'apl-1' }), 200)
    const ruled = expectStatus(
      await decide(aynurAppeal, 'court-ruling', {
        outcome: 'decision_stands',
        rulingReference: 'r-1',
        by: 'apl-1',
      }),
      200,
    ).json
    expect(ruled).toMatchObject({
      rescore: 'none',
      court: {
        caseReference: 'case-2026-77',
        ruling: { outcome: 'decision_stands', rulingReference: 'r-1' },
      },
    })
    expect((await record(aynur)).result.score).toBe(85)
  })

  it('SPEC §5: a stranger’s appeal is 404, a candidate token is no commission key, a commission key no candidate', async () => {
    const stranger = await as(http.get(`/me/appeals/${appealPath(rashadAppeal)}`, { token: aynur.token }))
    expect(stranger.status).toBe(404)
    expect(stranger.json.code).toBe('appeal.not_found')
    expect(stranger.text).not.toContain('112')
    const noKey = await http.get('/commission/appeals', { token: rashad.token })
    expect(noKey.status).toBe(401)
    const wrongRole = await http.get('/commission/appeals', { headers: { 'x-api-key': BOARD_KEY } })
    expect(wrongRole.status).toBe(401)
    const keyAsCandidate = await http.get('/me/appeals', { headers: commissionKey })
    expect(keyAsCandidate.status).toBe(401)
  })

  it('APL-2 late: at 24:00 Baku of the third business day Kamran’s appeal is refused with the deadline in Baku time', async () => {
    env.clock.set(DEADLINE)
    const before = await logSize(env)
    const late = await as(
      http.post(`/me/exams/${EXAM}/appeals`, {
        token: kamran.token,
        body: { taskIds: [BB.form.tasks[60]!.id], grounds: 'Blank by mistake?' },
      }),
    )
    expect(late.status).toBe(422)
    expect(late.json).toMatchObject({
      code: 'appeal.window_closed',
      deadline: DEADLINE,
      lastDay: '2026-06-16',
    })
    expect(late.json.detail).toContain('24:00 on 16 June 2026 (Asia/Baku)')
    expect(late.json.detail).toContain('00:00:00 on 17 June 2026')
    expect(await logSize(env)).toBe(before)
    const session = await record(kamran)
    expect(session).toMatchObject({
      appealWindow: { status: 'closed', closesAt: DEADLINE },
      canAppeal: false,
    })
  })

  it('CAB-11: services used — each candidate’s registration with its slip, the fee with its purpose, the appeal with its decision; nobody else’s', async () => {
    const sent = { http, as }
    const theirs = await expectServices(sent, rashad, {
      appealId: rashadAppeal,
      outcome: 'upheld',
      reasons: 'The option Rashad chose is also correct.',
    })
    const hers = await expectServices(sent, aynur, {
      appealId: aynurAppeal,
      outcome: 'rejected',
      reasons: 'Only option A follows from the text.',
    })
    expect(hers.json.appeals[0].court).toMatchObject({
      caseReference: 'case-2026-77',
      ruling: 'decision_stands',
    })
    for (const [answer, other] of [
      [theirs, aynur],
      [hers, rashad],
    ] as const) {
      expect(answer.text).not.toContain(other.cabinetId)
      expect(answer.text).not.toContain(other.sessionId)
    }
    await expectNoAppeal(sent, kamran)
    await expectUnauthenticated(sent)
  })

  it('SCO-2/SPEC §5: no key, accepted answer or staff, board or commission secret in any candidate answer', () => {
    expect(candidateAnswers.length).toBeGreaterThan(10)
    for (const answer of candidateAnswers) {
      expect(answer.text).not.toMatch(/"key"|"accepted"|"option"\s*:/)
      for (const secret of [BOARD_KEY, STAFF_SECRET, COMMISSION_KEY])
        expect(answer.text).not.toContain(secret)
    }
  })
}
