import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Backing } from '../support/app.js'
import { type Answer, type Client, client, expectStatus } from '../support/client.js'
import { AYNUR, KAMRAN, RASHAD } from '../support/flows.js'
import {
  at,
  BOARD_KEY,
  boardKey,
  buildForm,
  correctAnswer,
  defineSitting,
  EXAM,
  type ExamHttp,
  fundedCandidate,
  makeExamHttp,
  STAFF_SECRET,
  staffKey,
  wrongAnswer,
} from './support.js'

const AA = buildForm('AA', 'aa')
const BB = buildForm('BB', 'bb')
type Candidate = {
  cabinetId: string
  token: string
  sessionId: string
  slip?: { slipNumber: string; hallId: string; seat: number }
}

/**
 * A sitting from definition to published results over HTTP: two candidates
 * of different groups (Rashad AA2, Aynur BB1) register and pay, are admitted
 * and seated, answer, one gets a warning, a third (Kamran) is removed, an
 * expert review flips Rashad from fail to pass, the board publishes, and
 * each candidate reads their own result. Every candidate response is kept to
 * prove no key ever reached a candidate.
 */
export const sittingOverHttp = (backing: Backing) => {
  let env: ExamHttp
  let http: Client
  const candidateAnswers: Answer[] = []
  const as = async (answer: Promise<Answer>) => {
    const got = await answer
    candidateAnswers.push(got)
    return got
  }
  const people: Record<'rashad' | 'aynur' | 'kamran', Candidate> = {
    rashad: { cabinetId: '', token: '', sessionId: '' },
    aynur: { cabinetId: '', token: '', sessionId: '' },
    kamran: { cabinetId: '', token: '', sessionId: '' },
  }
  const staffPost = (sessionId: string, what: string, body: unknown) =>
    http.post(`/staff/sittings/${EXAM}/sessions/${sessionId}/${what}`, { headers: staffKey, body })

  beforeAll(async () => {
    env = await makeExamHttp(backing)
    http = client(env.app)
  })
  afterAll(async () => env?.close())

  it('EXM-1/EXM-10: the board defines the sitting; candidates of groups AA and BB register and pay from their accounts', async () => {
    expect((await defineSitting(env)).json).toMatchObject({
      examId: EXAM,
      fee: '15.00',
      groups: ['AA', 'BB'],
    })
    Object.assign(people.rashad, await fundedCandidate(http, RASHAD, '20.00'))
    Object.assign(people.aynur, await fundedCandidate(http, AYNUR, '20.00'))
    Object.assign(people.kamran, await fundedCandidate(http, KAMRAN, '15.00'))
    const open = expectStatus(await as(http.get('/sittings', { token: people.rashad.token })), 200).json
    expect(open.map((sitting: { examId: string }) => sitting.examId)).toEqual([EXAM])
    for (const [who, subgroup] of [
      ['rashad', 'AA2'],
      ['aynur', 'BB1'],
      ['kamran', 'BB1'],
    ] as const) {
      const sent = {
        token: people[who].token,
        headers: { 'idempotency-key': `reg-${who}` },
        body: { subgroup },
      }
      const registered = expectStatus(await as(http.post(`/me/exams/${EXAM}/registration`, sent)), 201).json
      expect(registered).toMatchObject({ status: 'registered', slip: { examId: EXAM, subgroup } })
      people[who].slip = registered.slip
      // WAL-7: the same request again is a replay, not a second charge.
      const replay = await as(http.post(`/me/exams/${EXAM}/registration`, sent))
      expect(replay.headers.get('idempotent-replayed')).toBe('true')
    }
    const account = expectStatus(await http.get('/accounts/me', { token: people.rashad.token }), 200).json
    expect(account.balance).toBe('5.00')
    expect(account.spendings).toHaveLength(1)
    expect(account.spendings[0]).toMatchObject({ service: 'exam-registration', amount: '15.00' })
    expect(
      expectStatus(await as(http.get(`/me/exams/${EXAM}/slip`, { token: people.aynur.token })), 200).json
        .slipNumber,
    ).toBe(people.aynur.slip?.slipNumber)
  })

  it('EXM-15: tasks are refused before the start', async () => {
    env.clock.set(at(-60))
    const early = await as(http.get(`/me/exams/${EXAM}/tasks`, { token: people.rashad.token }))
    expect(early.status).toBe(409)
    expect(early.json.code).toBe('session.not_started')
  })

  it('EXM-11/EXM-12/EXM-13: staff admit with document and slip, then register each candidate at the slip’s computer', async () => {
    const roster = expectStatus(
      await http.get(`/staff/sittings/${EXAM}/sessions`, { headers: staffKey }),
      200,
    ).json
    expect(roster).toHaveLength(3)
    env.clock.set(at(-40))
    for (const person of Object.values(people)) {
      const slip = person.slip!
      const admitted = expectStatus(
        await staffPost(person.sessionId, 'admission', {
          document: { kind: 'id_card', original: true, holderMatches: true, validUntil: '2030-01-01' },
          slip: { slipNumber: slip.slipNumber, examId: EXAM },
          by: 'staff-1',
        }),
        200,
      ).json
      expect(admitted).toMatchObject({ admitted: true, reasons: [], phase: 'admitted' })
    }
    env.clock.set(at(-25))
    for (const person of Object.values(people)) {
      const slip = person.slip!
      const seated = expectStatus(
        await staffPost(person.sessionId, 'hall-registration', {
          hallId: slip.hallId,
          seat: slip.seat,
          by: 'staff-2',
        }),
        200,
      ).json
      expect(seated.phase).toBe('seated')
    }
  })

  it('EXM-15/SCO-0: during the exam each candidate gets 100 tasks in the variant’s order without keys, and answers', async () => {
    env.clock.set(at(5))
    const tasks = expectStatus(
      await as(http.get(`/me/exams/${EXAM}/tasks`, { token: people.rashad.token })),
      200,
    ).json
    expect(tasks.tasks).toHaveLength(100)
    expect(tasks.tasks[0]).toMatchObject({
      position: 1,
      taskId: expect.any(String),
      subject: expect.any(String),
    })
    // Rashad (AA2, pass mark 112): all 40 open right (80) + 31 closed right = 111, one short.
    let closedRight = 0
    for (const task of AA.form.tasks) {
      const key = AA.key[task.id]!
      const right = task.type === 'open' || closedRight++ < 31
      expectStatus(
        await as(
          http.put(`/me/exams/${EXAM}/answers/${task.id}`, {
            token: people.rashad.token,
            body: { answer: right ? correctAnswer(key) : wrongAnswer(key) },
          }),
        ),
        200,
      )
    }
    // Aynur (BB1, pass mark 80): 85 right.
    for (const [index, task] of BB.form.tasks.entries()) {
      const key = BB.key[task.id]!
      const body = { answer: index < 85 ? correctAnswer(key) : wrongAnswer(key) }
      expectStatus(
        await as(http.put(`/me/exams/${EXAM}/answers/${task.id}`, { token: people.aynur.token, body })),
        200,
      )
    }
    const mine = expectStatus(
      await as(http.get(`/me/exams/${EXAM}`, { token: people.aynur.token })),
      200,
    ).json
    expect(mine).toMatchObject({ phase: 'in_progress', answered: 100 })
  })

  it('EXM-20: a warning lets the exam go on; a removal ends the session and annuls the result', async () => {
    env.clock.set(at(30))
    const warned = expectStatus(
      await staffPost(people.aynur.sessionId, 'violations', {
        violationId: 'v-1',
        kind: 'talking_or_helping',
        outcome: 'warning',
        note: 'Talked to the neighbour',
        by: 'staff-3',
      }),
      200,
    ).json
    expect(warned.phase).toBe('in_progress')
    const removed = expectStatus(
      await staffPost(people.kamran.sessionId, 'violations', {
        violationId: 'v-2',
        kind: 'prohibited_item',
        outcome: 'removal',
        note: 'Mobile phone on the desk',
        evidenceRef: 'camera-hall-2/10:30',
        by: 'staff-3',
      }),
      200,
    ).json
    expect(removed.phase).toBe('ended')
    const gone = await as(http.get(`/me/exams/${EXAM}/tasks`, { token: people.kamran.token }))
    expect(gone.status).toBe(409)
  })

  it('EXM-16/EXM-17: no finish before 45 minutes; then the certificate with the score, breakdown and pass mark', async () => {
    const tooEarly = await as(http.post(`/me/exams/${EXAM}/finish`, { token: people.rashad.token }))
    expect(tooEarly.json.code).toBe('session.too_early_to_finish')
    env.clock.set(at(50))
    const rashad = expectStatus(
      await as(http.post(`/me/exams/${EXAM}/finish`, { token: people.rashad.token })),
      200,
    ).json
    expect(rashad).toMatchObject({ subgroup: 'AA2', passMark: 112, passed: false, annulled: false })
    expect(rashad.score.total.points).toBe(111)
    expect(rashad.score.byType.open.points).toBe(80)
    const aynur = expectStatus(
      await as(http.post(`/me/exams/${EXAM}/finish`, { token: people.aynur.token })),
      200,
    ).json
    expect(aynur).toMatchObject({ subgroup: 'BB1', passMark: 80, passed: true })
    const after = await as(
      http.put(`/me/exams/${EXAM}/answers/${BB.form.tasks[0]!.id}`, {
        token: people.aynur.token,
        body: { answer: 'A' },
      }),
    )
    expect(after.json.code).toBe('session.ended')
  })

  it('SCO-5: the board’s dry run shows the flip; applying the review re-scores exactly that result, once', async () => {
    env.clock.set(at(3 * 60 + 30))
    const wrongClosed = AA.form.tasks.filter((task) => task.type === 'closed')[31]!.id
    const review = {
      reviewId: 'rev-1',
      kind: 'credit_to_all',
      taskId: wrongClosed,
      reason: 'Two options are correct',
    }
    const dry = expectStatus(
      await http.post(`/board/sittings/${EXAM}/reviews/dry-run`, { headers: boardKey, body: { review } }),
      200,
    ).json
    expect(dry.changes).toEqual([
      {
        sessionId: people.rashad.sessionId,
        subgroup: 'AA2',
        oldScore: 111,
        newScore: 112,
        oldPassed: false,
        newPassed: true,
      },
    ])
    expect(dry.flips).toHaveLength(1)
    const applied = expectStatus(
      await http.post(`/board/sittings/${EXAM}/reviews`, {
        headers: boardKey,
        body: { review, by: 'board-member-2' },
      }),
      201,
    ).json
    expect(applied).toEqual({ reviewId: 'rev-1', revised: 1, complete: true, refused: [] })
    await env.imtahan.settle()
    const detail = expectStatus(await http.get(`/board/sittings/${EXAM}`, { headers: boardKey }), 200).json
    const row = (id: string) =>
      detail.results.find((result: { sessionId: string }) => result.sessionId === id)
    expect(row(people.rashad.sessionId)).toMatchObject({ score: 112, passed: true })
    expect(row(people.rashad.sessionId).revisions).toHaveLength(1)
    expect(row(people.aynur.sessionId)).toMatchObject({ score: 85, passed: true, revisions: [] })
    expect(row(people.kamran.sessionId)).toMatchObject({
      annulled: true,
      passed: false,
      endReason: 'removed',
    })
    const certificate = expectStatus(
      await as(http.get(`/me/exams/${EXAM}/certificate`, { token: people.rashad.token })),
      200,
    ).json
    expect(certificate).toMatchObject({
      passed: true,
      revisions: [{ reviewId: 'rev-1', oldScore: 111, newScore: 112 }],
    })
  })

  it('APL-1: results are hidden until published; then each candidate sees their own', async () => {
    const hidden = await as(http.get(`/me/exams/${EXAM}/result`, { token: people.aynur.token }))
    expect(hidden.status).toBe(409)
    expect(hidden.json.code).toBe('exam.results_not_published')
    const published = expectStatus(
      await http.post(`/board/sittings/${EXAM}/publication`, {
        headers: boardKey,
        body: { by: 'board-member-1' },
      }),
      201,
    ).json
    expect(published.examId).toBe(EXAM)
    const rashad = expectStatus(
      await as(http.get(`/me/exams/${EXAM}/result`, { token: people.rashad.token })),
      200,
    ).json
    expect(rashad).toMatchObject({
      subgroup: 'AA2',
      passed: true,
      annulled: false,
      score: { total: { points: 112 } },
    })
    expect(rashad.revisions).toEqual([
      expect.objectContaining({ oldScore: 111, newScore: 112, reason: 'Two options are correct' }),
    ])
    const kamran = expectStatus(
      await as(http.get(`/me/exams/${EXAM}/result`, { token: people.kamran.token })),
      200,
    ).json
    expect(kamran).toMatchObject({ annulled: true, passed: false })
    expect(kamran.score).toBeUndefined()
  })

  it('SCO-2/SPEC §5: no key, accepted answer or board/staff secret appears in any candidate response', () => {
    expect(candidateAnswers.length).toBeGreaterThan(200)
    for (const answer of candidateAnswers) {
      expect(answer.text).not.toMatch(/"key"|"accepted"|"option"\s*:/)
      expect(answer.text).not.toContain(BOARD_KEY)
      expect(answer.text).not.toContain(STAFF_SECRET)
    }
    // The accepted open answers of the AA key ("<n>,5", "Bakı") are in no task list.
    const tasks = candidateAnswers.filter((answer) => answer.json?.tasks !== undefined)
    for (const answer of tasks) expect(answer.text).not.toContain('Bakı')
  })
}
