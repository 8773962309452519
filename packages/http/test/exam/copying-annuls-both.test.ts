import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type AppealHttp,
  boardKey,
  type Candidate,
  EXAM,
  makeAppealHttp,
  runSittingToPublication,
} from '../appeal/support.js'
import { type Client, client, expectStatus } from '../support/client.js'
import { AYNUR, RASHAD } from '../support/flows.js'

/**
 * EXM-21 through the application and HTTP: one copying decision of the board
 * names two sessions, and both results are annulled — in each candidate's
 * certificate and result, in each cabinet's record, and in the board's view.
 * Both answer every task right, so both would pass without the decision.
 */
describe('EXM-21 over HTTP: a copying decision annuls both results', () => {
  let env: AppealHttp
  let http: Client
  let rashad: Candidate
  let aynur: Candidate
  const decision = (sessionIds: readonly string[]) => ({
    decisionId: 'dec-copy-1',
    grounds: 'copying',
    sessionIds,
    reason: 'Identical answer sheets; the video shows Aynur’s screen turned towards Rashad',
    evidenceRef: 'camera-hall-1/10:40',
    by: 'board-member-1',
  })
  const certificate = async (person: Candidate) =>
    expectStatus(await http.get(`/me/exams/${EXAM}/certificate`, { token: person.token }), 200).json
  const annulmentsOf = async (person: Candidate) =>
    (await env.store.readStream(`examsession-${person.sessionId}`))
      .filter((event) => event.type === 'ResultAnnulled')
      .map((event) => event.data)
  const before: Record<string, unknown>[] = []

  beforeAll(async () => {
    env = await makeAppealHttp('memory')
    http = client(env.app)
    const everyTaskRight = () => 'right' as const
    ;[rashad, aynur] = (await runSittingToPublication(
      env,
      [
        [RASHAD, { subgroup: 'AA2', answer: everyTaskRight }],
        [AYNUR, { subgroup: 'BB1', answer: everyTaskRight }],
      ],
      async ([first, second]) => {
        for (const person of [first!, second!]) before.push(await certificate(person))
        const decided = expectStatus(
          await http.post(`/board/sittings/${EXAM}/annulments`, {
            headers: boardKey,
            body: decision([first!.sessionId, second!.sessionId]),
          }),
          201,
        ).json
        expect(JSON.stringify(decided)).toContain(first!.sessionId)
        expect(JSON.stringify(decided)).toContain(second!.sessionId)
        await env.imtahan.settle()
      },
    )) as [Candidate, Candidate]
    await env.imtahan.settle()
  })
  afterAll(async () => env?.close())

  it('EXM-21: before the decision both results pass', () => {
    expect(before).toEqual([
      expect.objectContaining({ passed: true, annulled: false }),
      expect.objectContaining({ passed: true, annulled: false }),
    ])
  })

  it('EXM-21/EXM-22: each session’s history has the one decision, with who, why, the evidence and the other party', async () => {
    for (const [person, other] of [
      [rashad, aynur],
      [aynur, rashad],
    ] as const)
      expect(await annulmentsOf(person)).toEqual([
        expect.objectContaining({
          decisionId: 'dec-copy-1',
          grounds: 'copying',
          counterpartSessionIds: [other.sessionId],
          decidedBy: 'board-member-1',
          reason: decision([]).reason,
          evidenceRef: 'camera-hall-1/10:40',
        }),
      ])
  })

  it('EXM-21/SCO-6/CAB-11: both certificates, results and cabinet records show the annulment; neither passes nor can appeal', async () => {
    for (const person of [rashad, aynur]) {
      expect(await certificate(person)).toMatchObject({ annulled: true, passed: false })
      const result = expectStatus(
        await http.get(`/me/exams/${EXAM}/result`, { token: person.token }),
        200,
      ).json
      expect(result).toMatchObject({ annulled: true, passed: false })
      const record = expectStatus(
        await http.get('/cabinets/me/record', { token: person.token }),
        200,
      ).json.sessions.find((session: { examId: string }) => session.examId === EXAM)
      expect(record.result).toMatchObject({ annulled: true, passed: false })
      expect(record.canAppeal).toBe(false)
      expect(JSON.stringify(record.revisions)).toContain('dec-copy-1')
    }
    const detail = expectStatus(await http.get(`/board/sittings/${EXAM}`, { headers: boardKey }), 200).json
    for (const person of [rashad, aynur])
      expect(
        detail.results.find((result: { sessionId: string }) => result.sessionId === person.sessionId),
      ).toMatchObject({ annulled: true })
  })
})
