import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildForm } from '../../domain/test/exam/form-fixtures.js'
import { DEV_API_KEYS, parseServeOptions, type ServeOptions } from '../src/serve/options.js'
import { type RunningServer, startServer } from '../src/serve/server.js'

/** Dev mode on the real server (memory store): the dev API keys and the dev clock, and neither with --no-dev. */
const start = (...extra: string[]) =>
  startServer(
    parseServeOptions(
      ['--store', 'memory', '--port', '0', '--log-level', 'silent', ...extra],
      {},
    ) as ServeOptions,
  )

const request = async (
  url: string,
  method: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
) => {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...options.headers },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  })
  const text = await response.text()
  return { status: response.status, json: text === '' ? undefined : JSON.parse(text) }
}

const rashad = { document: { series: 'AZE', number: '12345678' }, fin: '5ZK7P2Q', phone: '+994501234567' }
const PASSWORD = 'Kitab2026yay'
const EXAM = 'dev-clock-exam'

const signedIn = async (url: string) =>
  (await request(`${url}/session`, 'POST', { body: { login: rashad.fin, password: PASSWORD } })).json
    .token as string

const register = async (url: string) => {
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` })
  const started = await request(`${url}/registration`, 'POST', {
    body: { document: rashad.document, fin: rashad.fin },
  })
  const token = started.json.registrationToken as string
  await request(`${url}/registration/contacts`, 'PUT', {
    headers: bearer(token),
    body: { phone: rashad.phone },
  })
  const sms = await request(`${url}/dev/sms?phone=${encodeURIComponent(rashad.phone)}`, 'GET')
  const code = /\b(\d{6})\b/.exec(sms.json.text)?.[1]
  await request(`${url}/registration/phone-confirmation`, 'POST', { headers: bearer(token), body: { code } })
  expect(
    (
      await request(`${url}/registration/password`, 'POST', {
        headers: bearer(token),
        body: { password: PASSWORD },
      })
    ).status,
  ).toBe(201)
}

const sitting = (startsAt: Date) => ({
  examId: EXAM,
  title: 'Dev clock sitting',
  startsAt: startsAt.toISOString(),
  venue: { name: 'Test centre', address: 'Baku' },
  halls: [{ hallId: 'hall-1', name: 'Hall 1', seats: 2 }],
  forms: [buildForm('AA', 'aa')],
  fee: '15.00',
  timing: {},
  by: 'board-member-1',
})

describe('imtahan serve in dev mode: dev API keys and the dev clock', () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await start()
  })
  afterAll(async () => server?.stop())

  it('gives each role a dev key, and the board, staff and commission keys open their routes', async () => {
    expect(server.devKeys).toEqual(DEV_API_KEYS)
    const startsAt = new Date(Math.ceil((Date.now() + 30 * 86_400_000) / 3_600_000) * 3_600_000)
    const defined = await request(`${server.url}/board/sittings`, 'POST', {
      headers: { 'x-api-key': DEV_API_KEYS.board },
      body: sitting(startsAt),
    })
    expect(defined.status, JSON.stringify(defined.json)).toBe(201)
    const roster = await request(`${server.url}/staff/sittings/${EXAM}/sessions`, 'GET', {
      headers: { 'x-api-key': DEV_API_KEYS.staff },
    })
    expect(roster.status).toBe(200)
    const appeals = await request(`${server.url}/commission/appeals`, 'GET', {
      headers: { 'x-api-key': DEV_API_KEYS.commission },
    })
    expect(appeals.status).toBe(200)
    const wrong = await request(`${server.url}/commission/appeals`, 'GET', {
      headers: { 'x-api-key': DEV_API_KEYS.board },
    })
    expect(wrong.status).toBe(401)
  })

  it('POST /dev/clock moves time forward: the sitting’s registration closes; it never goes back', async () => {
    await register(server.url)
    const open = await request(`${server.url}/sittings`, 'GET', {
      headers: { authorization: `Bearer ${await signedIn(server.url)}` },
    })
    expect(open.json.map((s: { examId: string }) => s.examId)).toEqual([EXAM])
    const startsAt = open.json[0].startsAt as string

    const moved = await request(`${server.url}/dev/clock`, 'POST', { body: { to: startsAt } })
    expect(moved.status, JSON.stringify(moved.json)).toBe(200)
    // Moved to the target, and real time runs on from there (a millisecond may pass before the answer).
    const movedTo = new Date(moved.json.now).getTime()
    expect(movedTo).toBeGreaterThanOrEqual(new Date(startsAt).getTime())
    expect(movedTo).toBeLessThan(new Date(startsAt).getTime() + 5_000)
    expect(server.devClock?.now().getTime()).toBeGreaterThanOrEqual(new Date(startsAt).getTime())
    // The old token aged with the clock: sign in again.
    const closed = await request(`${server.url}/sittings`, 'GET', {
      headers: { authorization: `Bearer ${await signedIn(server.url)}` },
    })
    expect(closed.status).toBe(200)
    expect(closed.json).toEqual([])

    const further = await request(`${server.url}/dev/clock`, 'POST', { body: { advanceMinutes: 90 } })
    expect(further.status).toBe(200)
    expect(new Date(further.json.now).getTime()).toBeGreaterThanOrEqual(
      new Date(startsAt).getTime() + 90 * 60_000,
    )

    const back = await request(`${server.url}/dev/clock`, 'POST', { body: { to: startsAt } })
    expect(back.status).toBe(422)
    expect(back.json.code).toBe('dev.clock_backwards')
    for (const body of [{ advanceMinutes: -5 }, {}, { advanceMinutes: 5, to: startsAt }]) {
      const invalid = await request(`${server.url}/dev/clock`, 'POST', { body })
      expect(invalid.status, JSON.stringify(body)).toBe(422)
      expect(invalid.json.code).toBe('dev.clock_move_invalid')
    }
  })
})

describe('imtahan serve --no-dev: no dev keys, no dev clock', () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await start('--no-dev')
  })
  afterAll(async () => server?.stop())

  it('refuses every dev key and has no /dev/clock', async () => {
    expect(server.devKeys).toEqual({})
    expect(server.devClock).toBeUndefined()
    for (const [role, path] of [
      ['board', '/board/sittings'],
      ['staff', `/staff/sittings/${EXAM}/sessions`],
      ['commission', '/commission/appeals'],
      ['payment_provider', '/provider/payments'],
    ] as const) {
      const method = role === 'board' || role === 'payment_provider' ? 'POST' : 'GET'
      const refused = await request(`${server.url}${path}`, method, {
        headers: { 'x-api-key': DEV_API_KEYS[role] },
        ...(method === 'POST' ? { body: {} } : {}),
      })
      expect(refused.status, role).toBe(401)
    }
    const clock = await request(`${server.url}/dev/clock`, 'POST', { body: { advanceMinutes: 60 } })
    expect(clock.status).toBe(404)
  })
})
