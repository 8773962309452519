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

type Person = { cabinetId: string; token: string; sessionId: string }

/**
 * The board's and staff's actions on one session that the full sitting flow
 * does not take: staff corrections before the start (EXM-13), an individual
 * extension (EXM-19), and a court challenge of an annulment with its ruling
 * (EXM-22). Each is checked in the answer and in the recorded event.
 */
describe('exam routes: corrections, extensions, court challenges', () => {
  let env: ExamHttp
  let http: Client
  const rashad: Person = { cabinetId: '', token: '', sessionId: '' }
  const aynur: Person = { cabinetId: '', token: '', sessionId: '' }
  const events = async (sessionId: string, type: string) =>
    (await env.store.readStream(`examsession-${sessionId}`))
      .filter((event) => event.type === type)
      .map((event) => event.data as Record<string, unknown>)
  const staffPost = (sessionId: string, what: string, body: unknown) =>
    http.post(`/staff/sittings/${EXAM}/sessions/${sessionId}/${what}`, { headers: staffKey, body })
  const boardPost = (sessionId: string, what: string, body: unknown) =>
    http.post(`/board/sittings/${EXAM}/sessions/${sessionId}/${what}`, { headers: boardKey, body })

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
  })
  afterAll(async () => env?.close())

  it('EXM-13: staff correct the screen’s data before the start, with the reason; after the start it is refused', async () => {
    env.clock.set(at(-20))
    const correction = {
      correctionId: 'corr-1',
      corrections: { patronymic: 'Elçin oğlu' },
      reason: 'The candidate called staff: the patronymic is shown without “oğlu”',
      by: 'staff-2',
    }
    const corrected = expectStatus(await staffPost(rashad.sessionId, 'corrections', correction), 200).json
    expect(corrected).toMatchObject({ sessionId: rashad.sessionId, phase: 'seated' })
    const [recorded] = await events(rashad.sessionId, 'CandidateDataCorrected')
    expect(recorded).toMatchObject({
      correctionId: 'corr-1',
      reason: correction.reason,
      correctedBy: 'staff-2',
    })
    expect(recorded?.changes).toEqual([expect.objectContaining({ field: 'patronymic', to: 'Elçin oğlu' })])
    // The same correction again is a retry: nothing more is recorded.
    expectStatus(await staffPost(rashad.sessionId, 'corrections', correction), 200)
    expect(await events(rashad.sessionId, 'CandidateDataCorrected')).toHaveLength(1)

    env.clock.set(at(5))
    const late = await staffPost(rashad.sessionId, 'corrections', {
      ...correction,
      correctionId: 'corr-2',
      corrections: { name: 'Rəşid' },
    })
    expect(late.status, late.text).toBe(422)
    expect(late.json.code).toBe('session.exam_started')
    expect(await events(rashad.sessionId, 'CandidateDataCorrected')).toHaveLength(1)
  })

  it('EXM-19: an extension moves the deadline by the granted time and records the reason', async () => {
    env.clock.set(at(10))
    const before = expectStatus(await http.get(`/me/exams/${EXAM}`, { token: aynur.token }), 200).json
    const extension = {
      extensionId: 'ext-1',
      minutes: 30,
      reason: 'Accommodation: medical certificate 17/2026',
      by: 'board-member-1',
    }
    const granted = expectStatus(await boardPost(aynur.sessionId, 'extensions', extension), 201).json
    expect(new Date(granted.deadline).getTime() - new Date(before.deadline).getTime()).toBe(30 * 60_000)
    expect(granted.remainingMs - before.remainingMs).toBe(30 * 60_000)
    const [recorded] = await events(aynur.sessionId, 'ExtensionGranted')
    expect(recorded).toMatchObject({ extensionId: 'ext-1', minutes: 30, reason: extension.reason })
    // The candidate sees the same deadline; a repeat of the grant adds nothing.
    const mine = expectStatus(await http.get(`/me/exams/${EXAM}`, { token: aynur.token }), 200).json
    expect(mine.deadline).toBe(granted.deadline)
    const again = expectStatus(await boardPost(aynur.sessionId, 'extensions', extension), 201).json
    expect(again.deadline).toBe(granted.deadline)
    expect(await events(aynur.sessionId, 'ExtensionGranted')).toHaveLength(1)
    // Rashad's deadline is his own.
    const other = expectStatus(await http.get(`/me/exams/${EXAM}`, { token: rashad.token }), 200).json
    expect(other.deadline).toBe(before.deadline)
  })

  it('EXM-22: a court challenge of an annulment is recorded; a reversal makes the result count again', async () => {
    // Rashad answers the open tasks right, then finishes.
    const AA = buildForm('AA', 'aa')
    for (const task of AA.form.tasks.filter((task) => task.type === 'open'))
      expectStatus(
        await http.put(`/me/exams/${EXAM}/answers/${task.id}`, {
          token: rashad.token,
          body: { answer: correctAnswer(AA.key[task.id]!) },
        }),
        200,
      )
    env.clock.set(at(60))
    const finished = expectStatus(
      await http.post(`/me/exams/${EXAM}/finish`, { token: rashad.token }),
      200,
    ).json
    expect(finished.annulled).toBe(false)

    env.clock.set(at(5 * 60))
    expectStatus(await http.post(`/me/exams/${EXAM}/finish`, { token: aynur.token }), 200)
    expectStatus(
      await http.post(`/board/sittings/${EXAM}/annulments`, {
        headers: boardKey,
        body: {
          decisionId: 'dec-1',
          grounds: 'impersonation',
          sessionIds: [rashad.sessionId],
          reason: 'Photo on the document does not match the person seated',
          evidenceRef: 'camera-hall-1/10:05',
          by: 'board-member-1',
        },
      }),
      201,
    )
    await env.imtahan.settle()
    const annulled = expectStatus(
      await http.get(`/me/exams/${EXAM}/certificate`, { token: rashad.token }),
      200,
    ).json
    expect(annulled).toMatchObject({ annulled: true, passed: false })

    // A challenge must name a decision that annulled this result.
    const wrong = await boardPost(rashad.sessionId, 'court-challenges', {
      challengeId: 'ch-0',
      decisionId: 'dec-unknown',
      caseReference: 'Baku Administrative Court 2-1/0001/2026',
    })
    expect(wrong.status).toBe(404)
    expect(wrong.json.code).toBe('session.unknown_annulment')

    const challenge = {
      challengeId: 'ch-1',
      decisionId: 'dec-1',
      caseReference: 'Baku Administrative Court 2-1/1234/2026',
    }
    const filed = expectStatus(await boardPost(rashad.sessionId, 'court-challenges', challenge), 201).json
    expect(filed).toMatchObject({ sessionId: rashad.sessionId, phase: 'ended' })
    expect(await events(rashad.sessionId, 'CourtChallengeFiled')).toEqual([
      expect.objectContaining({ ...challenge, sessionId: rashad.sessionId }),
    ])
    // Filing changes nothing yet: the result stays annulled while the case is open.
    const pending = expectStatus(
      await http.get(`/me/exams/${EXAM}/certificate`, { token: rashad.token }),
      200,
    ).json
    expect(pending.annulled).toBe(true)
    const second = await boardPost(rashad.sessionId, 'court-challenges', {
      ...challenge,
      challengeId: 'ch-2',
    })
    expect(second.json.code).toBe('session.challenge_open')

    const ruling = {
      challengeId: 'ch-1',
      outcome: 'annulment_reversed',
      rulingReference: 'Ruling 2-1/1234/2026-R',
    }
    expectStatus(await boardPost(rashad.sessionId, 'court-rulings', ruling), 201)
    expect(await events(rashad.sessionId, 'CourtRulingRecorded')).toEqual([
      expect.objectContaining({ challengeId: 'ch-1', decisionId: 'dec-1', outcome: 'annulment_reversed' }),
    ])
    await env.imtahan.settle()
    const restored = expectStatus(
      await http.get(`/me/exams/${EXAM}/certificate`, { token: rashad.token }),
      200,
    ).json
    expect(restored).toMatchObject({ annulled: false, score: finished.score, passed: finished.passed })
    const detail = expectStatus(await http.get(`/board/sittings/${EXAM}`, { headers: boardKey }), 200).json
    const row = detail.results.find((result: { sessionId: string }) => result.sessionId === rashad.sessionId)
    expect(row).toMatchObject({ annulled: false, score: finished.score.total.points })
    // The ruling is recorded once: a different outcome for the same challenge is refused.
    const changed = await boardPost(rashad.sessionId, 'court-rulings', {
      ...ruling,
      outcome: 'annulment_upheld',
    })
    expect(changed.json.code).toBe('session.ruling_recorded')
  })
})
