import type { Imtahan } from '@imtahan/adapters'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeHttp, type TestHttp } from './support/app.js'
import { type Client, client, expectStatus } from './support/client.js'
import { AYNUR, pushPayment, RASHAD, register, signIn } from './support/flows.js'

describe('WAL-7 over HTTP', () => {
  let env: TestHttp
  let http: Client
  const rashad = { token: '', number: '' }
  const aynur = { token: '', number: '' }
  const balance = async (token: string) => (await http.get('/accounts/me', { token })).json.balance

  beforeAll(async () => {
    env = await makeHttp('pglite')
    http = client(env.app)
    rashad.number = (await register(http, RASHAD)).cabinetNumber
    aynur.number = (await register(http, AYNUR)).cabinetNumber
    rashad.token = await signIn(http, RASHAD.fin, RASHAD.password)
    aynur.token = await signIn(http, AYNUR.fin, AYNUR.password)
    const code = await pushPayment(http, RASHAD.document.number, '40.00')
    expectStatus(
      await http.post('/accounts/me/credits', { token: rashad.token, body: { paymentCode: code } }),
      200,
    )
  })
  afterAll(async () => env.close())

  it('WAL-7: a repeat while the first is still running gets 409; the money moves once', async () => {
    const send = () =>
      http.post('/accounts/me/transfers', {
        token: rashad.token,
        headers: { 'idempotency-key': 'concurrent-1' },
        body: { toCabinetNumber: aynur.number, amount: '5.00', password: RASHAD.password },
      })
    const answers = await Promise.all([send(), send()])
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409])
    const busy = answers.find((a) => a.status === 409)!
    expect(busy.json.code).toBe('idempotency.in_progress')
    expect(busy.headers.get('retry-after')).toBe('1')
    expect(await balance(rashad.token)).toBe('35.00')
    expect((await send()).headers.get('idempotent-replayed')).toBe('true')
    expect(await balance(rashad.token)).toBe('35.00')
  })

  it('WAL-7: a domain refusal is stored and replayed too', async () => {
    const send = () =>
      http.post('/accounts/me/transfers', {
        token: rashad.token,
        headers: { 'idempotency-key': 'too-much-1' },
        body: { toCabinetNumber: aynur.number, amount: '500.00', password: RASHAD.password },
      })
    const first = await send()
    expect(first.status).toBe(422)
    const again = await send()
    expect(again.status).toBe(422)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(again.json).toEqual(first.json)
  })

  it('WAL-7: keys belong to their sender — the same key from another cabinet is a request of its own', async () => {
    const answer = await http.post('/accounts/me/transfers', {
      token: aynur.token,
      headers: { 'idempotency-key': 'concurrent-1' },
      body: { toCabinetNumber: rashad.number, amount: '1.00', password: AYNUR.password },
    })
    expect(expectStatus(answer, 201).headers.get('idempotent-replayed')).toBeNull()
    expect(await balance(aynur.token)).toBe('4.00')
  })
})

describe('failures inside the server', () => {
  it('answer 500 http.internal with the request id and no internals; the log has the error name, not the data', async () => {
    const base = await makeHttp('memory')
    const failing = new Error('connect ECONNREFUSED 10.0.0.5:5432 password=hunter2')
    const imtahan: Imtahan = {
      ...base.imtahan,
      payments: {
        receive: async () => {
          throw failing
        },
      },
    }
    const env = await makeHttp('memory', { imtahan })
    const answer = await client(env.app).post('/provider/payments', {
      headers: { 'x-api-key': 'test-provider-key-0123456789abcdef', 'x-request-id': 'req-500' },
      body: {
        paymentCode: 'PAY-500',
        amount: '5.00',
        documentNumber: RASHAD.document.number,
        paidAt: '2026-05-20T07:00:00Z',
        providerReference: 'ref',
      },
    })
    expect(answer.status).toBe(500)
    expect(answer.json).toMatchObject({ code: 'http.internal', requestId: 'req-500' })
    expect(answer.text).not.toMatch(/ECONNREFUSED|hunter2|10\.0\.0\.5|\.ts:\d+/)
    expect(env.log.text()).toContain('"route":"/provider/payments"')
    expect(env.log.text()).not.toContain(RASHAD.document.number)
    await env.close()
    await base.close()
  })
})

describe('without the dev SMS sender (production)', () => {
  it('has no /dev routes, served or documented', async () => {
    const env = await makeHttp('memory', { devSms: undefined })
    const http = client(env.app)
    expect((await http.get('/dev/sms?phone=0501234567')).status).toBe(404)
    expect(Object.keys(env.openApi.paths).filter((path) => path.startsWith('/dev'))).toEqual([])
    await env.close()
  })
})
