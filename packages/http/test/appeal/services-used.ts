import { expect } from 'vitest'
import { type Answer, type Client, expectStatus } from '../support/client.js'
import { type Candidate, EXAM } from './support.js'

type Sent = { readonly http: Client; readonly as: (answer: Promise<Answer>) => Promise<Answer> }

const servicesOf = async ({ http, as }: Sent, who: Candidate) =>
  expectStatus(await as(http.get('/cabinets/me/services', { token: who.token })), 200)

/**
 * CAB-11 "services used" after the appeals walk: `who` registered and paid
 * 15.00 for the sitting (slip issued, session finished) and filed `appealId`,
 * decided with `outcome`. Returns the answer, for the caller's own checks.
 */
export const expectServices = async (
  sent: Sent,
  who: Candidate,
  appeal: { readonly appealId: string; readonly outcome: 'rejected' | 'upheld'; readonly reasons: string },
) => {
  const slip = expectStatus(
    await sent.as(sent.http.get(`/me/exams/${EXAM}/slip`, { token: who.token })),
    200,
  ).json
  const answer = await servicesOf(sent, who)
  const services = answer.json
  expect(services.cabinetId).toBe(who.cabinetId)
  expect(services.registrations).toEqual([
    expect.objectContaining({
      registrationId: `${who.sessionId}:1`,
      sessionId: who.sessionId,
      examId: EXAM,
      fee: '15.00',
      status: 'finished',
      requestedAt: expect.any(String),
      registeredAt: expect.any(String),
      chargeId: `examfee:${who.sessionId}:1`,
      slip: expect.objectContaining({
        slipNumber: slip.slipNumber,
        title: 'Civil service test, June 2026',
        hallName: expect.any(String),
        seat: slip.seat,
      }),
    }),
  ])
  expect(services.fees).toEqual([
    {
      chargeId: `examfee:${who.sessionId}:1`,
      service: 'exam-registration',
      purpose: `Registration for exam ${EXAM}, slip ${slip.slipNumber}`,
      amount: '15.00',
      paidAt: services.registrations[0].registeredAt,
      registrationId: `${who.sessionId}:1`,
      examId: EXAM,
    },
  ])
  expect(services.appeals).toEqual([
    expect.objectContaining({
      appealId: appeal.appealId,
      sessionId: who.sessionId,
      examId: EXAM,
      filedAt: expect.any(String),
      status: appeal.outcome,
      decision: { outcome: appeal.outcome, reasons: appeal.reasons, at: expect.any(String) },
    }),
  ])
  // Who on the commission decided is not the candidate's to see.
  expect(answer.text).not.toContain('decidedBy')
  return answer
}

/** Kamran registered and paid but his appeal came too late: two services, no appeal. */
export const expectNoAppeal = async (sent: Sent, who: Candidate) => {
  const services = (await servicesOf(sent, who)).json
  expect(services.registrations.map((r: { sessionId: string }) => r.sessionId)).toEqual([who.sessionId])
  expect(services.fees.map((f: { registrationId: string }) => f.registrationId)).toEqual([
    `${who.sessionId}:1`,
  ])
  expect(services.appeals).toEqual([])
}

/** Unauthenticated: a problem document, never anybody's services. */
export const expectUnauthenticated = async ({ http }: Sent) => {
  const anonymous = await http.get('/cabinets/me/services')
  expect(anonymous.status).toBe(401)
  expect(anonymous.headers.get('content-type')).toContain('application/problem+json')
  expect(anonymous.json.code).toBe('auth.unauthenticated')
  expect(anonymous.text).not.toContain('registrations')
}
