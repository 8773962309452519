import { buildForm, correctAnswer, wrongAnswer } from '../../../domain/test/exam/form-fixtures.js'
import { type Backing, makeHttp, PROVIDER_KEY } from '../support/app.js'
import { type Client, client, expectStatus } from '../support/client.js'
import { type Person, pushPayment, register, signIn } from '../support/flows.js'

export { buildForm, correctAnswer, wrongAnswer }

export const EXAM = 'cs-2026-06'
export const BOARD_KEY = 'test-board-key-0123456789abcdef'
export const STAFF_SECRET = 'test-staff-key-0123456789abcdef'
/** A staff key scoped to another sitting only (SPEC §5: staff act for the sittings they are assigned to). */
export const OTHER_STAFF_SECRET = 'test-other-staff-key-0123456789'
export const boardKey = { 'x-api-key': BOARD_KEY }
export const staffKey = { 'x-api-key': STAFF_SECRET }

/** 10 June 2026, 10:00 Baku = 06:00 UTC; the test clock starts on 20 May. */
export const S = new Date('2026-06-10T06:00:00Z')
export const at = (minutesFromStart: number) => new Date(S.getTime() + minutesFromStart * 60_000)

export const sittingBody = (examId = EXAM) => ({
  examId,
  title: 'Civil service test, June 2026',
  startsAt: S.toISOString(),
  venue: { name: 'DİM test centre 1', address: 'Baku, Istiqlaliyyat 7' },
  halls: [
    { hallId: 'hall-1', name: 'Hall 1', seats: 2 },
    { hallId: 'hall-2', name: 'Hall 2', seats: 2 },
  ],
  forms: [buildForm('AA', 'aa'), buildForm('BB', 'bb')],
  fee: '15.00',
  timing: {},
  by: 'board-member-1',
})

/** The HTTP app with board and staff keys and sessions long enough to span the weeks the test clock jumps. */
export const makeExamHttp = (backing: Backing) =>
  makeHttp(backing, {
    apiKeys: {
      payment_provider: [PROVIDER_KEY],
      board: [BOARD_KEY],
      staff: [STAFF_SECRET, `${OTHER_STAFF_SECRET}@OTHER-SITTING`],
    },
    sessionTtlSeconds: 60 * 24 * 3600,
  })

export type ExamHttp = Awaited<ReturnType<typeof makeExamHttp>>

/** A signed-in candidate with `amount` credited to the account (PAY-1, PAY-3). */
export const fundedCandidate = async (http: Client, person: Person, amount: string) => {
  const { cabinetId } = await register(http, person)
  const token = await signIn(http, person.fin, person.password)
  const paymentCode = await pushPayment(http, person.document.number, amount)
  expectStatus(await http.post('/accounts/me/credits', { token, body: { paymentCode } }), 200)
  return { cabinetId, token, sessionId: `${EXAM}.${cabinetId}` }
}

export const defineSitting = async (env: ExamHttp, examId = EXAM) =>
  expectStatus(
    await client(env.app).post('/board/sittings', { headers: boardKey, body: sittingBody(examId) }),
    201,
  )
