import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeHttp, PROVIDER_KEY, type TestHttp } from './support/app.js'
import { type Answer, type Client, client, type Sent } from './support/client.js'
import { AYNUR, KAMRAN, pushPayment, RASHAD, register, signIn, startRegistration } from './support/flows.js'

type Auth = 'session' | 'registration' | 'provider' | 'none'
type Case = { method: string; path: string; auth: Auth; body?: Record<string, unknown> }

/** Every route that takes input, with a body that would be accepted; each test breaks one thing. */
const cases = (payment: string, otherCabinet: string): Case[] => [
  {
    method: 'POST',
    path: '/registration',
    auth: 'none',
    body: { document: KAMRAN.document, fin: KAMRAN.fin },
  },
  { method: 'PUT', path: '/registration/contacts', auth: 'registration', body: { phone: KAMRAN.phone } },
  {
    method: 'POST',
    path: '/registration/phone-confirmation',
    auth: 'registration',
    body: { code: '123456' },
  },
  {
    method: 'POST',
    path: '/registration/password',
    auth: 'registration',
    body: { password: KAMRAN.password },
  },
  { method: 'POST', path: '/session', auth: 'none', body: { login: RASHAD.fin, password: RASHAD.password } },
  { method: 'POST', path: '/password-recovery', auth: 'none', body: { login: RASHAD.fin } },
  {
    method: 'POST',
    path: '/password-recovery/confirmation',
    auth: 'none',
    body: { login: RASHAD.fin, code: '123456', newPassword: 'Yeni2026parol' },
  },
  {
    method: 'POST',
    path: '/cabinets/me/document-renewal',
    auth: 'session',
    body: { series: 'AZE', number: '81234567' },
  },
  { method: 'PATCH', path: '/cabinets/me/contacts', auth: 'session', body: { phone: '055 999 88 77' } },
  { method: 'POST', path: '/cabinets/me/phone-confirmation', auth: 'session', body: { code: '123456' } },
  {
    method: 'PUT',
    path: '/cabinets/me/password',
    auth: 'session',
    body: { currentPassword: RASHAD.password, newPassword: 'Other2026pw' },
  },
  { method: 'POST', path: '/accounts/me/credits', auth: 'session', body: { paymentCode: payment } },
  {
    method: 'POST',
    path: '/accounts/me/transfers',
    auth: 'session',
    body: { toCabinetNumber: otherCabinet, amount: '1.00', password: RASHAD.password },
  },
  {
    method: 'POST',
    path: '/provider/payments',
    auth: 'provider',
    body: {
      paymentCode: 'PAY-BAD-INPUT-1',
      amount: '5.00',
      documentNumber: RASHAD.document.number,
      paidAt: '2026-05-20T07:00:00Z',
      providerReference: 'ref-bad',
    },
  },
  {
    method: 'POST',
    path: '/dev/accounts/me/fees',
    auth: 'session',
    body: { service: 'exam-registration', purpose: 'Test', amount: '1.00' },
  },
]

/** Routes without a body still check who calls. */
const bodyless: Case[] = [
  { method: 'POST', path: '/registration/phone-code', auth: 'registration' },
  { method: 'DELETE', path: '/session', auth: 'session' },
  { method: 'GET', path: '/cabinets/me', auth: 'session' },
  { method: 'POST', path: '/cabinets/me/phone-code', auth: 'session' },
  { method: 'GET', path: '/accounts/me', auth: 'session' },
  { method: 'GET', path: '/accounts/me/top-ups', auth: 'session' },
  { method: 'GET', path: '/accounts/me/spendings', auth: 'session' },
  { method: 'GET', path: '/accounts/me/unclaimed-payments', auth: 'session' },
  { method: 'POST', path: '/accounts/me/unclaimed-payments/PAY-X/credit', auth: 'session' },
]

describe('bad input gets a 4xx problem and changes nothing', () => {
  let env: TestHttp
  let http: Client
  const tokens = { session: '', registration: '', otherSession: '' }
  let rashadPayment = ''
  let aynurPayment = ''
  let aynurNumber = ''
  let list: Case[] = []

  const credentials = (auth: Auth): Record<string, string> =>
    auth === 'session'
      ? { authorization: `Bearer ${tokens.session}` }
      : auth === 'registration'
        ? { authorization: `Bearer ${tokens.registration}` }
        : auth === 'provider'
          ? { 'x-api-key': PROVIDER_KEY }
          : {}

  /** Sends, and checks the answer is a problem with `status` and that no event was appended. */
  const refused = async (c: Case, sent: Sent, status: number): Promise<Answer> => {
    const before = (await env.store.readAll()).length
    const answer = await http.send(c.method, c.path, {
      ...sent,
      headers: { ...credentials(c.auth), ...sent.headers },
    })
    expect(answer.status, `${c.method} ${c.path}: ${answer.text.slice(0, 200)}`).toBe(status)
    expect(answer.headers.get('content-type')).toBe('application/problem+json')
    expect(answer.json.type).toBe(`urn:imtahan:problem:${answer.json.code}`)
    expect(answer.text).not.toMatch(/at .*\.(ts|js):\d+|node_modules|Error:/)
    expect((await env.store.readAll()).length, `${c.method} ${c.path} appended events`).toBe(before)
    return answer
  }

  beforeAll(async () => {
    env = await makeHttp('memory')
    http = client(env.app)
    await register(http, RASHAD)
    aynurNumber = (await register(http, AYNUR)).cabinetNumber
    tokens.session = await signIn(http, RASHAD.fin, RASHAD.password)
    tokens.otherSession = await signIn(http, AYNUR.fin, AYNUR.password)
    tokens.registration = await startRegistration(http, KAMRAN)
    rashadPayment = await pushPayment(http, RASHAD.document.number, '10.00')
    aynurPayment = await pushPayment(http, AYNUR.document.number, '10.00')
    list = cases(rashadPayment, aynurNumber)
  })
  afterAll(async () => env.close())

  it('malformed JSON → 400 http.malformed_json', async () => {
    for (const c of list)
      expect((await refused(c, { raw: '{"oops": ' }, 400)).json.code).toBe('http.malformed_json')
  })

  it('another media type → 415', async () => {
    for (const c of list)
      await refused(
        c,
        { raw: 'phone=0501234567', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
        415,
      )
  })

  it('wrong types in every field → 400 validation.invalid_input naming each field', async () => {
    for (const c of list) {
      const wrong = Object.fromEntries(Object.keys(c.body ?? {}).map((key) => [key, 42]))
      const answer = await refused(c, { body: wrong }, 400)
      expect(answer.json.code).toBe('validation.invalid_input')
      for (const key of Object.keys(wrong)) expect(answer.json.detail).toContain(key)
    }
  })

  it('missing fields, an empty body, an array or null instead of an object → 400', async () => {
    for (const c of list) {
      // Contacts change takes either field alone, so no single one is required there.
      const required = c.path === '/cabinets/me/contacts' ? [] : Object.keys(c.body ?? {})
      for (const body of [[], null, 'text', 7])
        expect((await refused(c, { raw: JSON.stringify(body) }, 400)).json.code).toBe(
          'validation.invalid_input',
        )
      if (required.length > 0) await refused(c, { raw: '' }, 400)
      for (const key of required) {
        const { [key]: _, ...rest } = c.body ?? {}
        await refused(c, { body: rest }, 400)
      }
    }
  })

  it('values of the right type but wrong meaning → 400 with the problem in words', async () => {
    const fin = await refused(
      list[0]!,
      { body: { document: { series: 'XX', number: '1' }, fin: 'IO12345' } },
      400,
    )
    expect(fin.json.problems.length).toBeGreaterThanOrEqual(2)
    await refused(list[1]!, { body: { phone: '12345' } }, 400)
    await refused(list[1]!, { body: { phone: KAMRAN.phone, email: 'not-an-email' } }, 400)
    for (const amount of ['0', '-5.00', '1.005', '1e3', ' 5'])
      await refused(list[12]!, { body: { ...list[12]!.body, amount } }, amount === '0' ? 422 : 400)
    await refused(list[12]!, { body: { ...list[12]!.body, toCabinetNumber: '12345678' } }, 400)
  })

  it('a huge body → 413 before anything reads it', async () => {
    const huge = JSON.stringify({ padding: 'x'.repeat(200 * 1024) })
    for (const c of list) expect((await refused(c, { raw: huge }, 413)).json.code).toBe('http.body_too_large')
  })

  it('no token, a forged token, the wrong kind of token or key → 401', async () => {
    const forged = tokens.registration.replace(/.$/, (last) => (last === 'A' ? 'B' : 'A'))
    for (const c of [...list, ...bodyless].filter((c) => c.auth !== 'none')) {
      const sent: Sent = c.body === undefined ? {} : { body: c.body }
      const wrong: Record<string, string>[] = [
        {},
        { authorization: 'Bearer ims_not-a-real-token' },
        { authorization: 'Basic cmFzaGFkOnBhc3M=' },
        { authorization: `Bearer ${forged}` },
        c.auth === 'session'
          ? { authorization: `Bearer ${tokens.registration}` }
          : { authorization: `Bearer ${tokens.session}` },
        { 'x-api-key': 'not-the-provider-key-000' },
      ]
      for (const headers of wrong) {
        const before = (await env.store.readAll()).length
        const answer = await http.send(c.method, c.path, { ...sent, headers })
        expect(answer.status, `${c.method} ${c.path} with ${JSON.stringify(headers)}`).toBe(401)
        expect(answer.headers.get('www-authenticate')).toBe('Bearer')
        expect((await env.store.readAll()).length).toBe(before)
      }
    }
  })

  it('SPEC §5: another person’s payment cannot be credited as “mine” (PAY-2), nor one’s own cabinet be a recipient', async () => {
    const path = `/accounts/me/unclaimed-payments/${aynurPayment}/credit`
    const theirs = await refused({ method: 'POST', path, auth: 'session' }, {}, 422)
    expect(theirs.json.code).toBe('payment.document_mismatch')
    const mine = await http.get('/accounts/me/unclaimed-payments', { token: tokens.otherSession })
    expect(mine.json.map((row: { paymentCode: string }) => row.paymentCode)).toEqual([aynurPayment])
  })

  it('a registration token only reaches its own registration: a token for another cabinet id is refused', async () => {
    const [, rest] = tokens.registration.split('imr_')
    const otherId = 'imr_00000000-0000-4000-8000-000000000000' + (rest ?? '').slice(36)
    const answer = await http.put('/registration/contacts', { token: otherId, body: { phone: KAMRAN.phone } })
    expect(answer.status).toBe(401)
  })

  it('a query parameter is decoded too: /dev/sms without phone → 400', async () => {
    const answer = await http.get('/dev/sms')
    expect(answer.status).toBe(400)
    expect(answer.json.detail).toContain('phone')
  })

  it('an unknown route → 404 problem; a path parameter that is no payment code → 4xx', async () => {
    const missing = await http.get('/accounts/someone-else')
    expect(missing.status).toBe(404)
    expect(missing.json.code).toBe('http.not_found')
    const odd = await refused(
      { method: 'POST', path: '/accounts/me/unclaimed-payments/%20%0A/credit', auth: 'session' },
      {},
      400,
    )
    expect(odd.json.code).toBe('validation.invalid_input')
  })

  it('a bad Idempotency-Key → 400, nothing moves', async () => {
    const transfer = list[12]!
    await refused(transfer, { body: transfer.body, headers: { 'idempotency-key': 'x'.repeat(256) } }, 400)
    await refused(transfer, { body: transfer.body, headers: { 'idempotency-key': 'has space' } }, 400)
  })
})
