import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Backing, DATABASE_URL, makeHttp, PROVIDER_KEY, type TestHttp } from '../support/app.js'
import { type Client, client } from '../support/client.js'
import { RASHAD, register, signIn } from '../support/flows.js'

const COMMISSION_KEY = 'test-commission-key-0123456789abcdef'
const UNSAFE = ['ref\u0000x', 'ref\ud800', 'ref\udc00x']

const expectRefused = (answer: { status: number; headers: Headers; json: { code?: string } }) => {
  expect(answer.status).toBe(400)
  expect(answer.headers.get('content-type')).toBe('application/problem+json')
  expect(answer.json.code).toBe('validation.invalid_input')
}

const nulAndSurrogates = (backing: Backing) =>
  describe(`security: NUL and lone surrogates give 500 (${backing})`, () => {
    let app: TestHttp
    let http: Client
    let token: string
    beforeAll(async () => {
      app = await makeHttp(backing, {
        apiKeys: { payment_provider: [PROVIDER_KEY], commission: [COMMISSION_KEY] },
      })
      http = client(app.app)
      const { cabinetNumber } = await register(http, RASHAD)
      token = await signIn(http, cabinetNumber, RASHAD.password)
    }, 60_000)
    afterAll(() => app?.close())

    it('NUL and lone surrogates in every text field are refused with 400 validation.invalid_input', async () => {
      for (const bad of UNSAFE) {
        expectRefused(
          await http.post('/provider/payments', {
            headers: { 'x-api-key': PROVIDER_KEY },
            body: {
              paymentCode: 'PAY-NUL-1',
              amount: '10.00',
              documentNumber: RASHAD.document.number,
              paidAt: '2026-05-20T07:00:00Z',
              providerReference: bad,
            },
          }),
        )
        expectRefused(
          await http.post('/me/exams/EXAM-1/appeals', { token, body: { taskIds: ['T1'], grounds: bad } }),
        )
        expectRefused(
          await http.post('/commission/appeals/EXAM-1:A1/rejection', {
            headers: { 'x-api-key': COMMISSION_KEY },
            body: { reasons: bad, by: 'Chair' },
          }),
        )
        expectRefused(
          await http.post('/dev/accounts/me/fees', {
            token,
            body: { service: 'exam-registration', purpose: bad, amount: '1.00' },
          }),
        )
        expectRefused(
          await http.post('/dev/accounts/me/fees', {
            token,
            body: { service: bad, purpose: 'Test', amount: '1.00' },
          }),
        )
        // An unknown field and an object key are checked too.
        expectRefused(await http.patch('/cabinets/me/contacts', { token, body: { [bad]: 1 } }))
      }
    })

    it('a %00 (or a lone surrogate) path parameter on exam and appeal routes is refused with 400', async () => {
      for (const path of ['/me/exams/%00', '/me/exams/a%00b/slip', '/me/exams/%00/result', '/me/appeals/%00'])
        expectRefused(await http.get(path, { token }))
      expectRefused(await http.put('/me/exams/EXAM-1/answers/%00', { token, body: { answer: 'A' } }))
      expectRefused(await http.get('/commission/appeals/%00', { headers: { 'x-api-key': COMMISSION_KEY } }))
      expectRefused(
        await http.get('/commission/appeals?examId=%00', { headers: { 'x-api-key': COMMISSION_KEY } }),
      )
      // The body is still read normally once clean.
      const fine = await http.get('/me/exams/EXAM-NONE', { token })
      expect(fine.status).toBeLessThan(500)
    })
  })

nulAndSurrogates('pglite')
describe.skipIf(!DATABASE_URL)('PostgreSQL', () => {
  nulAndSurrogates('postgres')
})
