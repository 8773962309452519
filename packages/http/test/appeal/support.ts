import {
  at,
  BOARD_KEY,
  boardKey,
  buildForm,
  correctAnswer,
  EXAM,
  fundedCandidate,
  STAFF_SECRET,
  sittingBody,
  staffKey,
  wrongAnswer,
} from '../exam/support.js'
import { type Backing, makeHttp, PROVIDER_KEY } from '../support/app.js'
import { type Client, client, expectStatus } from '../support/client.js'
import type { Person } from '../support/flows.js'

export const COMMISSION_KEY = 'test-commission-key-0123456789abc'
export const commissionKey = { 'x-api-key': COMMISSION_KEY }
export { at, BOARD_KEY, boardKey, EXAM, STAFF_SECRET }

export const AA = buildForm('AA', 'aa')
export const BB = buildForm('BB', 'bb')

/** Results are published on Wednesday 10 June 2026 at 13:30 Baku (09:30 UTC). */
export const PUBLISHED_AT = at(3 * 60 + 30)
/**
 * APL-2 with the shipped 2026 calendar: 11 June (Thu), 12 June (Fri), then
 * 15 June is National Salvation Day, so 16 June (Tue) is the third business
 * day; the window closes at its 24:00 Baku = 20:00 UTC.
 */
export const DEADLINE = '2026-06-16T20:00:00.000Z'

/** The app with every role's key, over the shipped calendar (the facade loads it), sessions spanning weeks. */
export const makeAppealHttp = (backing: Backing) =>
  makeHttp(backing, {
    apiKeys: {
      payment_provider: [PROVIDER_KEY],
      board: [BOARD_KEY],
      staff: [STAFF_SECRET],
      commission: [COMMISSION_KEY],
    },
    sessionTtlSeconds: 60 * 24 * 3600,
  })

export type AppealHttp = Awaited<ReturnType<typeof makeAppealHttp>>

export type Candidate = { cabinetId: string; token: string; sessionId: string }

/** How a candidate answers each task of the form. */
export type Sheet = {
  readonly subgroup: string
  readonly answer: (
    task: { readonly id: string; readonly type: string },
    index: number,
  ) => 'right' | 'wrong' | 'blank'
}

/**
 * A sitting from definition to published results, entirely over the exam
 * HTTP routes: each candidate registers and pays, is admitted and seated,
 * answers per `sheet`, finishes; the board publishes at `PUBLISHED_AT`.
 * `beforePublication` runs with every session ended but nothing published.
 */
export const runSittingToPublication = async (
  env: AppealHttp,
  people: readonly (readonly [Person, Sheet])[],
  beforePublication: (candidates: readonly Candidate[]) => Promise<void> = async () => {},
): Promise<Candidate[]> => {
  const http = client(env.app)
  expectStatus(await http.post('/board/sittings', { headers: boardKey, body: sittingBody() }), 201)
  const candidates: Candidate[] = []
  const slips: { slipNumber: string; hallId: string; seat: number }[] = []
  for (const [person, sheet] of people) {
    const candidate = await fundedCandidate(http, person, '15.00')
    const registered = expectStatus(
      await http.post(`/me/exams/${EXAM}/registration`, {
        token: candidate.token,
        body: { subgroup: sheet.subgroup },
      }),
      201,
    ).json
    candidates.push(candidate)
    slips.push(registered.slip)
  }
  const staff = (sessionId: string, what: string, body: unknown) =>
    http.post(`/staff/sittings/${EXAM}/sessions/${sessionId}/${what}`, { headers: staffKey, body })
  env.clock.set(at(-40))
  for (const [index, candidate] of candidates.entries()) {
    const slip = slips[index]!
    expectStatus(
      await staff(candidate.sessionId, 'admission', {
        document: { kind: 'id_card', original: true, holderMatches: true, validUntil: '2030-01-01' },
        slip: { slipNumber: slip.slipNumber, examId: EXAM },
        by: 'staff-1',
      }),
      200,
    )
  }
  env.clock.set(at(-25))
  for (const [index, candidate] of candidates.entries()) {
    const { hallId, seat } = slips[index]!
    expectStatus(await staff(candidate.sessionId, 'hall-registration', { hallId, seat, by: 'staff-2' }), 200)
  }
  env.clock.set(at(5))
  for (const [index, [, sheet]] of people.entries()) {
    const form = sheet.subgroup.startsWith('AA') ? AA : BB
    const { token } = candidates[index]!
    for (const [position, task] of form.form.tasks.entries()) {
      const how = sheet.answer(task, position)
      if (how === 'blank') continue
      const key = form.key[task.id]!
      const body = { answer: how === 'right' ? correctAnswer(key) : wrongAnswer(key) }
      expectStatus(await http.put(`/me/exams/${EXAM}/answers/${task.id}`, { token, body }), 200)
    }
  }
  env.clock.set(at(50))
  for (const { token } of candidates)
    expectStatus(await http.post(`/me/exams/${EXAM}/finish`, { token }), 200)
  env.clock.set(PUBLISHED_AT)
  await beforePublication(candidates)
  expectStatus(
    await http.post(`/board/sittings/${EXAM}/publication`, { headers: boardKey, body: { by: 'board-1' } }),
    201,
  )
  return candidates
}

/** Every event in the log: "nothing changed" is this number staying put. */
export const logSize = async (env: AppealHttp) => (await env.store.readAll()).length

export const appealPath = (appealId: string) => encodeURIComponent(appealId)

export type { Client }
