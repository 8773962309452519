import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { parseServeOptions, type ServeOptions } from '../src/serve/options.js'
import { SECRET_FILE } from '../src/serve/secret.js'
import { type RunningServer, startServer } from '../src/serve/server.js'

const lines: string[] = []
const quiet = { write: (line: string) => void lines.push(line) }

const rashad = { document: { series: 'AZE', number: '12345678' }, fin: '5ZK7P2Q' }

const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })

describe('imtahan serve: the real server on a PGlite folder', () => {
  let dataDir = ''
  let server: RunningServer | undefined
  const options = (): ServeOptions =>
    parseServeOptions(['--port', '0', '--data-dir', dataDir, '--log-level', 'info'], {}) as ServeOptions

  afterAll(async () => {
    await server?.stop()
    if (dataDir !== '') await rm(dataDir, { recursive: true, force: true })
  })

  it('serves the API, its OpenAPI document and its docs', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'imtahan-serve-'))
    server = await startServer(options(), quiet)
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect((await fetch(`${server.url}/openapi.json`)).status).toBe(200)
    expect(await (await fetch(`${server.url}/docs`)).text()).toContain('<html')
    const started = await post(`${server.url}/registration`, rashad)
    expect(started.status).toBe(201)
    expect(server.providerKeyIsDev).toBe(true)
  })

  it('on stop, a request in flight is answered, then the store is closed', async () => {
    const running = server!
    // A sign-in costs a full scrypt hash (tens of ms), so it is still running when stop begins.
    const inFlight = post(`${running.url}/session`, { login: rashad.fin, password: 'Wrong2026pass' })
    await new Promise((resolve) => setTimeout(resolve, 15))
    const stopped = running.stop()
    expect((await inFlight).status).toBe(401)
    await stopped
    server = undefined
    await expect(fetch(`${running.url}/openapi.json`)).rejects.toThrow()
  })

  it('CAB-3 across a restart: the data and the server secret are kept, so the FIN is still held', async () => {
    expect((await stat(join(dataDir, SECRET_FILE))).mode & 0o777).toBe(0o600)
    server = await startServer(options(), quiet)
    const again = await post(`${server.url}/registration`, rashad)
    expect(again.status).toBe(409)
    expect(((await again.json()) as { code: string }).code).toBe('cabinet.registration_in_progress')
  })

  it('logs one JSON line per request and no personal data', () => {
    const logged = lines.join('')
    expect(logged).not.toContain(rashad.fin)
    expect(logged).not.toContain(rashad.document.number)
    const requests = lines.map((line) => JSON.parse(line)).filter((line) => line.msg === 'request')
    expect(requests.map((line) => line.route)).toContain('/registration')
  })
})
