import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeHttp, type TestHttp } from './support/app.js'
import { type Client, client, expectStatus } from './support/client.js'
import { AYNUR, pushPayment, RASHAD, register, signIn } from './support/flows.js'

describe('WAL-7: Idempotency-Key length over HTTP', () => {
  let env: TestHttp
  let http: Client
  let token = ''
  let aynurNumber = ''
  const balance = async () => (await http.get('/accounts/me', { token })).json.balance
  const transfer = (key: string) =>
    http.post('/accounts/me/transfers', {
      token,
      headers: { 'idempotency-key': key },
      body: { toCabinetNumber: aynurNumber, amount: '1.00', password: RASHAD.password },
    })

  beforeAll(async () => {
    env = await makeHttp('memory')
    http = client(env.app)
    await register(http, RASHAD)
    aynurNumber = (await register(http, AYNUR)).cabinetNumber
    token = await signIn(http, RASHAD.fin, RASHAD.password)
    const code = await pushPayment(http, RASHAD.document.number, '10.00')
    expectStatus(await http.post('/accounts/me/credits', { token, body: { paymentCode: code } }), 200)
  })
  afterAll(async () => env.close())

  it('WAL-7: a 255-character key is accepted, the money moves once and a repeat is a replay', async () => {
    const key = 'k'.repeat(255)
    const first = await transfer(key)
    expect(first.status, first.text.slice(0, 200)).toBe(201)
    expect(first.headers.get('idempotent-replayed')).toBeNull()
    expect(await balance()).toBe('9.00')
    const again = await transfer(key)
    expect(again.status).toBe(201)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(again.json).toEqual(first.json)
    expect(await balance()).toBe('9.00')
  })

  it('WAL-7: one character more (256) is refused with 400 and nothing moves', async () => {
    const answer = await transfer('k'.repeat(256))
    expect(answer.status).toBe(400)
    expect(await balance()).toBe('9.00')
  })
})
