import { dropPostgresSchema } from '@imtahan/adapters/postgres'
import { afterAll, describe, expect, it } from 'vitest'
import { call, devPerson, register, signIn } from './http.js'
import {
  built,
  DATABASE_URL,
  newCluster,
  type Served,
  serveProcess,
  skipWhy,
  stopProcess,
} from './processes.js'

/**
 * Scale-out item 1 with real processes: two `imtahan serve` on one database
 * and one secret share their sign-in sessions — a token from A works on B, a
 * logout on A is refused by B at once, and a restart signs nobody out.
 */
const suite = DATABASE_URL && built ? describe : describe.skip
suite('sign-in sessions across two real serve processes', () => {
  const cluster = newCluster()
  const running: Served[] = []
  afterAll(async () => {
    await Promise.all(running.map((served) => stopProcess(served, 'SIGKILL')))
    await dropPostgresSchema(DATABASE_URL!, cluster.schema)
  })

  it('a sign-in on A works on B; a logout on A is refused on B at once; a restart keeps the others', async () => {
    const [a, b] = await Promise.all([serveProcess(cluster), serveProcess(cluster)])
    running.push(a!, b!)
    const person = devPerson(7001)
    const cabinet = await register(a!.url, person)
    const token = await signIn(a!.url, person)
    const kept = await signIn(b!.url, person)
    const me = await call(b!.url, 'GET', '/cabinets/me', { token })
    expect(me.status).toBe(200)
    expect(me.json.cabinetId).toBe(cabinet.cabinetId)

    expect((await call(a!.url, 'DELETE', '/session', { token })).status).toBe(204)
    const refused = await call(b!.url, 'GET', '/cabinets/me', { token })
    expect(refused.status).toBe(401)
    expect(refused.json.code).toBe('auth.unauthenticated')

    // A restart of B signs nobody out: the other token still works there.
    await stopProcess(b!, 'SIGTERM')
    const again = await serveProcess(cluster)
    running.push(again)
    expect((await call(again.url, 'GET', '/cabinets/me', { token: kept })).status).toBe(200)
    expect((await call(again.url, 'GET', '/cabinets/me', { token })).status).toBe(401)
  }, 60_000)

  it('the login throttle counts failures made on either process', async () => {
    const [a, b] = running.filter(
      (served) => served.child.exitCode === null && served.child.signalCode === null,
    )
    const login = devPerson(7001).fin
    for (let i = 0; i < 5; i++) {
      const url = (i % 2 === 0 ? a : b)!.url
      expect(
        (await call(url, 'POST', '/session', { body: { login, password: 'Wrong2026pass' } })).status,
      ).toBe(401)
    }
    // Five failures spread over two processes lock the login on both, as five on one would.
    for (const served of [a!, b!])
      expect(
        (await call(served.url, 'POST', '/session', { body: { login, password: 'Wrong2026pass' } })).status,
      ).toBe(429)
  })
})

if (!(DATABASE_URL && built)) describe.skip(skipWhy, () => it('sign-in across processes', () => {}))
