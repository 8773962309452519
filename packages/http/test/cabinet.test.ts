import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeHttp, type TestHttp } from './support/app.js'
import { type Client, client, expectStatus } from './support/client.js'
import { KAMRAN, register, signIn, smsCode } from './support/flows.js'

describe('the owner’s cabinet over HTTP: personal data, renewal, contacts, password', () => {
  let env: TestHttp
  let http: Client
  let token = ''
  let cabinetNumber = ''

  beforeAll(async () => {
    env = await makeHttp('memory')
    http = client(env.app)
    // Kamran's new card (docs/fixtures.md) is issued 2026-10-15, his old one valid until 2026-11-30.
    env.clock.set('2026-10-20T08:00:00Z')
    cabinetNumber = (await register(http, KAMRAN)).cabinetNumber
    token = await signIn(http, cabinetNumber, KAMRAN.password)
  })
  afterAll(async () => env.close())

  it('CAB-2/CAB-8: personal data shows the registry data of the document', async () => {
    const me = expectStatus(await http.get('/cabinets/me', { token }), 200).json
    expect(me.person).toEqual({
      surname: 'İsmayılov',
      name: 'Kamran',
      patronymic: 'Tofiq',
      birthDate: '2001-04-22',
    })
    expect(me.documents.current).toMatchObject({ series: 'AZE', number: '78123456', expiresOn: '2026-11-30' })
    expect(me.stage).toBe('completed')
  })

  it('CAB-8: "Sənədim yenilənib" checks the new document for the same FIN and keeps the old one in history', async () => {
    const renewed = expectStatus(
      await http.post('/cabinets/me/document-renewal', {
        token,
        body: { series: 'AZE', number: '81234567' },
      }),
      200,
    ).json
    expect(renewed.documents.current.number).toBe('81234567')
    expect(renewed.documents.history.map((d: { number: string }) => d.number)).toEqual(['78123456'])
    const someoneElses = await http.post('/cabinets/me/document-renewal', {
      token,
      body: { series: 'AZE', number: '12345678' },
    })
    expect(someoneElses.status).toBeGreaterThanOrEqual(400)
    expect(someoneElses.status).toBeLessThan(500)
  })

  it('CAB-9/CAB-5: a new number is pending until its code is entered; the old one stays confirmed', async () => {
    const changed = expectStatus(
      await http.patch('/cabinets/me/contacts', {
        token,
        body: { phone: '055 999 88 77', email: 'k@example.az' },
      }),
      200,
    ).json
    expect(changed.phone).toEqual({ confirmed: KAMRAN.e164, pending: '+994559998877' })
    expect(changed.email).toBe('k@example.az')
    const tooSoon = await http.post('/cabinets/me/phone-code', { token })
    expect(tooSoon.status).toBe(429)
    expect(tooSoon.headers.get('retry-after')).toBeTruthy()
    env.clock.advance(61_000)
    expectStatus(await http.post('/cabinets/me/phone-code', { token }), 200)
    const wrong = await http.post('/cabinets/me/phone-confirmation', { token, body: { code: '000000' } })
    expect(wrong.status).toBe(422)
    const code = await smsCode(http, '+994559998877')
    const confirmed = await http.post('/cabinets/me/phone-confirmation', { token, body: { code } })
    expect(expectStatus(confirmed, 200).json.phone).toBe('+994559998877')
  })

  it('CAB-10: the password changes only with the current one, and other sessions end', async () => {
    const other = await signIn(http, KAMRAN.fin, KAMRAN.password)
    const wrong = await http.put('/cabinets/me/password', {
      token,
      body: { currentPassword: 'not-it-2026', newPassword: 'Other2026pw' },
    })
    expect(wrong.status).toBe(422)
    expect(wrong.json.code).toBe('cabinet.wrong_password')
    const weak = await http.put('/cabinets/me/password', {
      token,
      body: { currentPassword: KAMRAN.password, newPassword: 'short' },
    })
    expect(weak.json.code).toBe('password.too_weak')
    expectStatus(
      await http.put('/cabinets/me/password', {
        token,
        body: { currentPassword: KAMRAN.password, newPassword: 'Other2026pw' },
      }),
      204,
    )
    expect((await http.get('/cabinets/me', { token })).status).toBe(200)
    expect((await http.get('/cabinets/me', { token: other })).status).toBe(401)
    await signIn(http, cabinetNumber, 'Other2026pw')
  })
})
