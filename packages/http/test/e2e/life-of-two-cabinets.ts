import { afterAll, beforeAll, expect, it } from 'vitest'
import { type Backing, makeHttp, PROVIDER_KEY, type TestHttp } from '../support/app.js'
import { type Client, client, expectStatus } from '../support/client.js'
import {
  AYNUR,
  finishRegistration,
  pushPayment,
  RASHAD,
  register,
  signIn,
  smsCode,
} from '../support/flows.js'

/**
 * The whole life of two cabinets over HTTP, on a real store: register,
 * confirm, password, payments in, credit by both methods, a fee, a transfer,
 * password recovery — and, at the end, a look at everything that was logged.
 */
export const lifeOfTwoCabinets = (backing: Backing) => {
  let env: TestHttp
  let http: Client
  const rashad = { cabinetId: '', cabinetNumber: '', token: '' }
  const aynur = { cabinetId: '', cabinetNumber: '', token: '' }
  const paymentCodes: string[] = []
  const balance = async (token: string) =>
    expectStatus(await http.get('/accounts/me', { token }), 200).json.balance

  beforeAll(async () => {
    env = await makeHttp(backing)
    http = client(env.app)
  })
  afterAll(async () => env?.close())

  it('CAB-1/CAB-2: the document and FIN are checked with the registry and the person is shown', async () => {
    const started = expectStatus(
      await http.post('/registration', { body: { document: RASHAD.document, fin: RASHAD.fin } }),
      201,
    )
    expect(started.json.person).toEqual({
      surname: 'Həsənov',
      name: 'Rəşad',
      patronymic: 'Elçin',
      birthDate: '1998-03-14',
    })
    expect(started.json.registrationToken).toMatch(/^imr_/)
    rashad.token = started.json.registrationToken
  })

  it('CAB-4…CAB-7, WAL-1: contacts, the SMS code, a password → a cabinet number and an account at 0.00', async () => {
    Object.assign(rashad, await finishRegistration(http, RASHAD, rashad.token))
    expect(rashad.cabinetNumber).toMatch(/^\d{8}$/)
    Object.assign(aynur, await register(http, AYNUR))
    expect(aynur.cabinetNumber).not.toBe(rashad.cabinetNumber)
    rashad.token = await signIn(http, rashad.cabinetNumber, RASHAD.password)
    aynur.token = await signIn(http, AYNUR.fin, AYNUR.password)
    expect(await balance(rashad.token)).toBe('0.00')
    const me = expectStatus(await http.get('/cabinets/me', { token: rashad.token }), 200).json
    expect(me).toMatchObject({ cabinetId: rashad.cabinetId, cabinetNumber: rashad.cabinetNumber })
    expect(me.phone.confirmed).toBe(RASHAD.e164)
  })

  it('CAB-3: a second registration for the same FIN is refused and points to recovery', async () => {
    const again = await http.post('/registration', { body: { document: RASHAD.document, fin: RASHAD.fin } })
    expect(again.status).toBe(409)
    expect(again.headers.get('content-type')).toContain('application/problem+json')
    expect(again.json.type).toBe('urn:imtahan:problem:cabinet.already_exists')
  })

  it('PAY-1: the provider pushes payments; a redelivery is answered, not recorded twice', async () => {
    paymentCodes.push(await pushPayment(http, RASHAD.document.number, '50.00'))
    paymentCodes.push(await pushPayment(http, RASHAD.document.number, '20.00'))
    paymentCodes.push(await pushPayment(http, AYNUR.document.number, '10.00'))
    const redelivered = await http.post('/provider/payments', {
      headers: { 'x-api-key': PROVIDER_KEY },
      body: {
        paymentCode: paymentCodes[0],
        amount: '50.00',
        documentNumber: RASHAD.document.number,
        paidAt: '2026-05-20T07:00:00Z',
        providerReference: 'ref-1',
      },
    })
    expect(expectStatus(redelivered, 200).json.status).toBe('already_received')
  })

  it('PAY-2: each owner sees only the payments stated for their own document, and credits one', async () => {
    const listed = expectStatus(
      await http.get('/accounts/me/unclaimed-payments', { token: rashad.token }),
      200,
    )
    expect(listed.json.map((row: { paymentCode: string }) => row.paymentCode).sort()).toEqual(
      [paymentCodes[0], paymentCodes[1]].sort(),
    )
    const hers = expectStatus(await http.get('/accounts/me/unclaimed-payments', { token: aynur.token }), 200)
    expect(hers.json.map((row: { paymentCode: string }) => row.paymentCode)).toEqual([paymentCodes[2]])
    const credited = await http.post(`/accounts/me/unclaimed-payments/${paymentCodes[0]}/credit`, {
      token: rashad.token,
    })
    expect(expectStatus(credited, 200).json.balance).toBe('50.00')
    const after = expectStatus(
      await http.get('/accounts/me/unclaimed-payments', { token: rashad.token }),
      200,
    )
    expect(after.json.map((row: { paymentCode: string }) => row.paymentCode)).toEqual([paymentCodes[1]])
  })

  it('PAY-3/PAY-4: credit by typing the code; the same code cannot be credited again by anyone', async () => {
    const byCode = await http.post('/accounts/me/credits', {
      token: rashad.token,
      headers: { 'idempotency-key': `credit-${rashad.cabinetId}` },
      body: { paymentCode: paymentCodes[1] },
    })
    expect(expectStatus(byCode, 200).json.balance).toBe('70.00')
    const stolen = await http.post('/accounts/me/credits', {
      token: aynur.token,
      body: { paymentCode: paymentCodes[1] },
    })
    expect(stolen.status).toBe(409)
    expect(stolen.json.code).toBe('payment.already_credited')
    expect(stolen.text).not.toContain(rashad.cabinetNumber)
    expectStatus(
      await http.post('/accounts/me/credits', { token: aynur.token, body: { paymentCode: paymentCodes[2] } }),
      200,
    )
    const unknown = await http.post('/accounts/me/credits', {
      token: aynur.token,
      body: { paymentCode: 'PAY-NEVER-ISSUED' },
    })
    expect(unknown.status).toBe(404)
    expect(await balance(aynur.token)).toBe('10.00')
  })

  it('WAL-2: the top-ups list shows code, amount and time', async () => {
    const topUps = expectStatus(await http.get('/accounts/me/top-ups', { token: rashad.token }), 200).json
    expect(
      topUps.map((row: { paymentCode: string; amount: string }) => [row.paymentCode, row.amount]),
    ).toEqual([
      [paymentCodes[0], '50.00'],
      [paymentCodes[1], '20.00'],
    ])
    expect(topUps[0].at).toMatch(/^\d{4}-\d{2}-\d{2}T/)
  })

  it('WAL-3: a fee is paid from the account and listed as a spending; one beyond the balance changes nothing', async () => {
    const fee = { service: 'exam-registration', purpose: 'Civil service test, May 2026', amount: '15.00' }
    expect(
      expectStatus(await http.post('/dev/accounts/me/fees', { token: rashad.token, body: fee }), 200).json
        .balance,
    ).toBe('55.00')
    const tooMuch = await http.post('/dev/accounts/me/fees', {
      token: rashad.token,
      body: { ...fee, amount: '1000.00' },
    })
    expect(tooMuch.status).toBe(422)
    expect(tooMuch.json.code).toBe('wallet.insufficient_funds')
    const spendings = expectStatus(
      await http.get('/accounts/me/spendings', { token: rashad.token }),
      200,
    ).json
    expect(spendings).toHaveLength(1)
    expect(spendings[0]).toMatchObject({ purpose: fee.purpose, amount: '15.00' })
    expect(await balance(rashad.token)).toBe('55.00')
  })

  it('WAL-4: a transfer by cabinet number, amount and password moves the money once', async () => {
    const wrong = await http.post('/accounts/me/transfers', {
      token: rashad.token,
      body: { toCabinetNumber: aynur.cabinetNumber, amount: '25.00', password: 'not-my-password1' },
    })
    expect(wrong.status).toBe(422)
    expect(wrong.json.code).toBe('transfer.wrong_password')
    const key = `transfer-${rashad.cabinetId}-1`
    const body = { toCabinetNumber: aynur.cabinetNumber, amount: '25.00', password: RASHAD.password }
    const sent = await http.post('/accounts/me/transfers', {
      token: rashad.token,
      body,
      headers: { 'idempotency-key': key },
    })
    expect(expectStatus(sent, 201).json).toMatchObject({
      status: 'completed',
      amount: '25.00',
      balance: '30.00',
    })
    expect(await balance(aynur.token)).toBe('35.00')
    const history = expectStatus(await http.get('/accounts/me', { token: aynur.token }), 200).json
    expect(history.transfersIn).toHaveLength(1)
    expect(history.transfersIn[0]).toMatchObject({ fromCabinetNumber: rashad.cabinetNumber, amount: '25.00' })
  })

  it('WAL-7: the same Idempotency-Key and body is replayed; another body with it gets 422; money moved once', async () => {
    const key = `transfer-${rashad.cabinetId}-1`
    const body = { toCabinetNumber: aynur.cabinetNumber, amount: '25.00', password: RASHAD.password }
    const again = await http.post('/accounts/me/transfers', {
      token: rashad.token,
      body,
      headers: { 'idempotency-key': key },
    })
    expect(expectStatus(again, 201).headers.get('idempotent-replayed')).toBe('true')
    const other = await http.post('/accounts/me/transfers', {
      token: rashad.token,
      body: { ...body, amount: '1.00' },
      headers: { 'idempotency-key': key },
    })
    expect(other.status).toBe(422)
    expect(other.json.code).toBe('idempotency.key_reused')
    expect(await balance(rashad.token)).toBe('30.00')
    expect(await balance(aynur.token)).toBe('35.00')
  })

  it('CAB-10: password recovery by a code to the confirmed number; the old password and sessions stop working', async () => {
    expectStatus(await http.post('/password-recovery', { body: { login: RASHAD.fin } }), 202)
    const code = await smsCode(http, RASHAD.e164)
    const newPassword = 'Yeni2026parol'
    expectStatus(
      await http.post('/password-recovery/confirmation', {
        body: { login: rashad.cabinetNumber, code, newPassword },
      }),
      204,
    )
    expect((await http.get('/accounts/me', { token: rashad.token })).status).toBe(401)
    expect(
      (await http.post('/session', { body: { login: RASHAD.fin, password: RASHAD.password } })).status,
    ).toBe(401)
    rashad.token = await signIn(http, RASHAD.fin, newPassword)
    expect(await balance(rashad.token)).toBe('30.00')
  })

  it('logout ends the session at once', async () => {
    expectStatus(await http.delete('/session', { token: aynur.token }), 204)
    expect((await http.get('/cabinets/me', { token: aynur.token })).status).toBe(401)
  })

  it('SPEC §5: over the whole flow no FIN, document, phone, e-mail, password, code or token reached the log', async () => {
    const logged = env.log.text()
    const secrets = [
      RASHAD.fin,
      AYNUR.fin,
      RASHAD.document.number,
      AYNUR.document.number,
      RASHAD.e164,
      AYNUR.e164,
      '050 123 45 67',
      RASHAD.password,
      AYNUR.password,
      'Yeni2026parol',
      rashad.token,
      ...env.sms.sent.map((message) => /\b(\d{6})\b/.exec(message.text)?.[1] ?? 'no code'),
      ...paymentCodes,
    ]
    for (const secret of secrets) expect(logged, `log holds ${secret.slice(0, 3)}…`).not.toContain(secret)
    expect(logged).not.toMatch(/ims_|imr_/)
    const requests = env.log.lines.map((line) => JSON.parse(line)).filter((line) => line.msg === 'request')
    expect(requests.length).toBeGreaterThan(30)
    for (const line of requests) {
      expect(line.requestId).toMatch(/\S/)
      expect(typeof line.status).toBe('number')
      expect(typeof line.ms).toBe('number')
    }
  })
}
