import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeHttp, type TestHttp } from './support/app.js'
import { type Client, client, expectStatus } from './support/client.js'
import { RASHAD, register, signIn } from './support/flows.js'

describe('sign-in, tokens and back-off', () => {
  let env: TestHttp
  let http: Client
  let cabinetNumber = ''

  beforeAll(async () => {
    env = await makeHttp('memory', { sessionTtlSeconds: 600 })
    http = client(env.app)
    cabinetNumber = (await register(http, RASHAD)).cabinetNumber
  })
  afterAll(async () => env.close())

  it('signs in by cabinet number or FIN; the token expires', async () => {
    const answer = expectStatus(
      await http.post('/session', { body: { login: cabinetNumber, password: RASHAD.password } }),
      201,
    ).json
    expect(answer).toMatchObject({ tokenType: 'Bearer', cabinetNumber })
    expect(new Date(answer.expiresAt).getTime() - env.clock.now().getTime()).toBe(600_000)
    const byFin = await signIn(http, RASHAD.fin, RASHAD.password)
    expect((await http.get('/cabinets/me', { token: byFin })).status).toBe(200)
    env.clock.advance(601_000)
    expect((await http.get('/cabinets/me', { token: answer.token })).status).toBe(401)
  })

  it('an unknown login and a wrong password get the same 401', async () => {
    const unknown = await http.post('/session', { body: { login: 'DEV0001', password: RASHAD.password } })
    const wrong = await http.post('/session', { body: { login: RASHAD.fin, password: 'Wrong2026pw' } })
    expect([unknown.status, wrong.status]).toEqual([401, 401])
    expect(unknown.json.detail).toBe(wrong.json.detail)
  })

  it('after 5 failures a login is locked with 429 and Retry-After, even for the right password; the lock doubles', async () => {
    for (let i = 0; i < 5; i++)
      expect(
        (await http.post('/session', { body: { login: cabinetNumber, password: 'Wrong2026pw' } })).status,
      ).toBe(401)
    const locked = await http.post('/session', { body: { login: cabinetNumber, password: RASHAD.password } })
    expect(locked.status).toBe(429)
    expect(locked.json.code).toBe('auth.too_many_attempts')
    expect(Number(locked.headers.get('retry-after'))).toBe(30)
    env.clock.advance(31_000)
    expect(
      (await http.post('/session', { body: { login: cabinetNumber, password: 'Wrong2026pw' } })).status,
    ).toBe(401)
    const longer = await http.post('/session', { body: { login: cabinetNumber, password: RASHAD.password } })
    expect(Number(longer.headers.get('retry-after'))).toBe(60)
    env.clock.advance(61_000)
    expectStatus(
      await http.post('/session', { body: { login: cabinetNumber, password: RASHAD.password } }),
      201,
    )
  })

  it('CAB-10: a recovery request answers the same for a login that does not exist', async () => {
    const known = await http.post('/password-recovery', { body: { login: RASHAD.fin } })
    const unknown = await http.post('/password-recovery', { body: { login: 'DEV0002' } })
    expect([known.status, unknown.status]).toEqual([202, 202])
    expect(known.text).toBe(unknown.text)
  })

  it('answers carry a request id; a sane one sent by the client is echoed', async () => {
    const mine = await http.get('/openapi.json', { headers: { 'x-request-id': 'trace-123' } })
    expect(mine.headers.get('x-request-id')).toBe('trace-123')
    const odd = await http.get('/openapi.json', { headers: { 'x-request-id': 'bad id\twith tab' } })
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
  })
})
