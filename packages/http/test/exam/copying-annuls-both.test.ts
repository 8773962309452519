import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, client, expectStatus } from '../support/client.js'
import { AYNUR, RASHAD } from '../support/flows.js'
import {
  at,
  boardKey,
  buildForm,
  correctAnswer,
  defineSitting,
  EXAM,
  type ExamHttp,
  fundedCandidate,
  makeExamHttp,
  staffKey,
} from './support.js'

type Person = { cabinetId: string; token: string; sessionId: string; group: 'AA' | 'BB' }

/**
 * EXM-21 through the application and HTTP: one copying decision of the board
 * names two sessions, and both results are annulled — in each candidate's
 * certificate and result, in each cabinet's record, and in the board's view.
 */
describe('EXM-21 over HTTP: a copying decision annuls both results', () => {
  let env: ExamHttp
  let http: Client
  const rashad: Person = { cabinetId: '', token: '', sessionId: '', group: 'AA' }
  const aynur: Person = { cabinetId: '', token: '', sessionId: '', group: 'BB' }
  const staffPost = (sessionId: string, what: string, body: unknown) =>
    http.post(`/staff/sittings/${EXAM}/sessions/${sessionId}/${what}`, { headers: staffKey, body })
  const certificate = async (person: Person) =>
    expectStatus(await http.get(`/me/exams/${EXAM}/certificate`, { token: person.token }), 200).json
  const recordOf = async (person: Person) =>
    expectStatus(await http.get('/cabinets/me/record', { token: person.token }), 200).json.sessions.find(
      (session: { examId: string }) => session.examId === EXAM,
    )

  beforeAll(async () => {
    env = await makeExamHttp('memory')
    http = client(env.app)
    await defineSitting(env)
    Object.assign(rashad, await fundedCandidate(http, RASHAD, '20.00'))
    Object.assign(aynur, await fundedCandidate(http, AYNUR, '20.00'))
    const slips = new Map<string, { slipNumber: string; hallId: string; seat: number }>()
    for (const [person, subgroup] of [
      [rashad, 'AA2'],
      [aynur, 'BB1'],
    ] as const) {
      const registered = expectStatus(
        await http.post(`/me/exams/${EXAM}/registration`, { token: person.token, body: { subgroup } }),
        201,
      ).json
      slips.set(person.sessionId, registered.slip)
    }
    env.clock.set(at(-40))
    for (const person of [rashad, aynur]) {
      const slip = slips.get(person.sessionId)!
      expectStatus(
        await staffPost(person.sessionId, 'admission', {
          document: { kind: 'id_card', original: true, holderMatches: true, validUntil: '2030-01-01' },
          slip: { slipNumber: slip.slipNumber, examId: EXAM },
          by: 'staff-1',
        }),
        200,
      )
    }
    env.clock.set(at(-25))
    for (const person of [rashad, aynur]) {
      const slip = slips.get(person.sessionId)!
      expectStatus(
        await staffPost(person.sessionId, 'hall-registration', {
          hallId: slip.hallId,
          seat: slip.seat,
          by: 'staff-2',
        }),
        200,
      )
    }
    // Both answer every task right, so both would pass.
    env.clock.set(at(5))
    for (const person of [rashad, aynur]) {
      const { form, key } = buildForm(person.group, person.group.toLowerCase())
      for (const task of form.tasks)
        expectStatus(
          await http.put(`/me/exams/${EXAM}/answers/${task.id}`, {
            token: person.token,
            body: { answer: correctAnswer(key[task.id]!) },
          }),
          200,
        )
    }
    env.clock.set(at(60))
    for (const person of [rashad, aynur]) {
      const finished = expectStatus(
        await http.post(`/me/exams/${EXAM}/finish`, { token: person.token }),
        200,
      ).json
      expect(finished).toMatchObject({ passed: true, annulled: false })
    }
  })
  afterAll(async () => env?.close())

  it('EXM-21/EXM-22/SCO-6: one copying decision annuls both sessions; certificates, results, records and the board show it', async () => {
    env.clock.set(at(5 * 60))
    const decision = {
      decisionId: 'dec-copy-1',
      grounds: 'copying',
      sessionIds: [rashad.sessionId, aynur.sessionId],
      reason: 'Identical answer sheets; the video shows Aynur’s screen turned towards Rashad',
      evidenceRef: 'camera-hall-1/10:40',
      by: 'board-member-1',
    }
    const decided = expectStatus(
      await http.post(`/board/sittings/${EXAM}/annulments`, { headers: boardKey, body: decision }),
      201,
    ).json
    expect(JSON.stringify(decided)).toContain(rashad.sessionId)
    expect(JSON.stringify(decided)).toContain(aynur.sessionId)
    await env.imtahan.settle()

    // EXM-22: each session's history has the annulment with who, when, why, the evidence and the other party.
    for (const [person, other] of [
      [rashad, aynur],
      [aynur, rashad],
    ] as const) {
      const annulments = (await env.store.readStream(`examsession-${person.sessionId}`))
        .filter((event) => event.type === 'ResultAnnulled')
        .map((event) => event.data)
      expect(annulments).toEqual([
        expect.objectContaining({
          decisionId: 'dec-copy-1',
          grounds: 'copying',
          counterpartSessionIds: [other.sessionId],
          decidedBy: 'board-member-1',
          reason: decision.reason,
          evidenceRef: decision.evidenceRef,
        }),
      ])
      expect(await certificate(person)).toMatchObject({ annulled: true, passed: false })
    }

    expectStatus(
      await http.post(`/board/sittings/${EXAM}/publication`, {
        headers: boardKey,
        body: { by: 'board-member-1' },
      }),
      201,
    )
    await env.imtahan.settle()
    for (const person of [rashad, aynur]) {
      const result = expectStatus(
        await http.get(`/me/exams/${EXAM}/result`, { token: person.token }),
        200,
      ).json
      expect(result).toMatchObject({ annulled: true, passed: false })
      const record = await recordOf(person)
      expect(record, `${person.group} record`).toBeDefined()
      expect(record.result).toMatchObject({ annulled: true, passed: false })
      expect(record.canAppeal).toBe(false)
      expect(JSON.stringify(record.revisions)).toContain('dec-copy-1')
    }
    const detail = expectStatus(await http.get(`/board/sittings/${EXAM}`, { headers: boardKey }), 200).json
    for (const person of [rashad, aynur]) {
      const row = detail.results.find(
        (result: { sessionId: string }) => result.sessionId === person.sessionId,
      )
      expect(row).toMatchObject({ annulled: true })
    }
  })
})
