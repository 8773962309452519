import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeHttp, type TestHttp } from '../support/app.js'
import { type Client, client, expectStatus } from '../support/client.js'
import { AYNUR, pushPayment, RASHAD, register, signIn } from '../support/flows.js'

describe('operator endpoints: /health/live, /health/ready, /metrics', () => {
  let env: TestHttp
  let http: Client
  const ready = { up: true, lags: { 'imtahan.processes': 0 } as Record<string, number> }
  beforeAll(async () => {
    env = await makeHttp('memory', {
      readiness: {
        ping: async () => {
          if (!ready.up) throw new Error('down')
        },
        lags: async () => ready.lags,
        maxLag: 10,
      },
    })
    http = client(env.app)
  })
  afterAll(async () => env?.close())

  it('live answers while the process does; ready follows the store and the lag limit', async () => {
    expect(expectStatus(await http.get('/health/live'), 200).json).toEqual({ status: 'live' })
    expect(expectStatus(await http.get('/health/ready'), 200).json.status).toBe('ready')
    ready.lags = { 'imtahan.processes': 11 }
    const behind = expectStatus(await http.get('/health/ready'), 503).json
    expect(behind).toMatchObject({ reason: 'projections behind', maxLag: 10 })
    ready.lags = { 'imtahan.processes': 10 }
    ready.up = false
    expect(expectStatus(await http.get('/health/ready'), 503).json.reason).toBe('store does not answer')
    ready.up = true
    expectStatus(await http.get('/health/ready'), 200)
  })

  it('after a full flow, /metrics counts by route pattern and holds no personal data or token', async () => {
    const rashad = await register(http, RASHAD)
    const aynur = await register(http, AYNUR)
    const token = await signIn(http, RASHAD.fin, RASHAD.password)
    const code = await pushPayment(http, RASHAD.document.number, '40.00')
    expectStatus(await http.post(`/accounts/me/unclaimed-payments/${code}/credit`, { token, body: {} }), 200)
    const transfer = {
      token,
      body: { toCabinetNumber: aynur.cabinetNumber, amount: '5.00', password: RASHAD.password },
      headers: { 'idempotency-key': `t-${rashad.cabinetId}` },
    }
    expectStatus(await http.post('/accounts/me/transfers', transfer), 201)
    expect((await http.post('/accounts/me/transfers', transfer)).headers.get('idempotent-replayed')).toBe(
      'true',
    )
    expectStatus(await http.get(`/no/such/${RASHAD.fin}`), 404)

    const scraped = expectStatus(await http.get('/metrics'), 200)
    expect(scraped.headers.get('content-type')).toMatch(/^text\/plain/)
    const text = scraped.text
    // The transfer and its replay; the path pattern, never the raw URL.
    expect(text).toMatch(
      /imtahan_http_requests_total\{method="POST",route="\/accounts\/me\/transfers",status="201"\} 2/,
    )
    expect(text).toMatch(/imtahan_http_requests_total\{method="GET",route="unmatched",status="404"\} 1/)
    expect(text).toContain('imtahan_http_request_duration_seconds_bucket')
    expect(text).toMatch(/imtahan_idempotency_replays_total 1/)
    expect(text).toContain('imtahan_projection_lag_events')
    for (const secret of [
      RASHAD.fin,
      AYNUR.fin,
      RASHAD.e164,
      RASHAD.phone,
      RASHAD.document.number,
      AYNUR.document.number,
      rashad.cabinetNumber,
      aynur.cabinetNumber,
      rashad.cabinetId,
      token,
      code,
    ])
      expect(text, 'a personal value reached /metrics').not.toContain(secret)
  })
})
