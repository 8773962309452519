import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openSqlDatabase } from '@imtahan/adapters'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { serveCommand } from '../src/commands/serve.js'
import { LogCheckFailedError } from '../src/serve/log-check.js'
import { parseServeOptions, type ServeOptions } from '../src/serve/options.js'
import { type RunningServer, startServer } from '../src/serve/server.js'

const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })

/** The FIN of the fixture person whose registration event the drill damages; it must not leak. */
const RASHAD = { document: { series: 'AZE', number: '12345678' }, fin: '5ZK7P2Q' }

describe('reliability: imtahan serve refuses to start on a log it cannot read', () => {
  let dataDir = ''
  const lines: string[] = []
  const log = { write: (line: string) => void lines.push(line) }
  const options = (...extra: string[]): ServeOptions =>
    parseServeOptions(
      ['--port', '0', '--data-dir', dataDir, '--log-level', 'info', ...extra],
      {},
    ) as ServeOptions

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'imtahan-reliability-'))
    const server = await startServer(options(), log)
    expect((await post(`${server.url}/registration`, RASHAD)).status).toBe(201)
    await server.stop()
    // Behind the product's back: a raw UPDATE makes the first cabinet event fail its codec.
    const client = await openSqlDatabase({ kind: 'pglite', dataDir: join(dataDir, 'pglite') })
    const [row] = await client.query<{ stream_id: string }>(
      `update imtahan.events set data = data - 'startedAt' where revision = 0 and stream_id like 'cabinet-%'
        returning stream_id`,
    )
    expect(row).toBeDefined()
    await client.close()
  })
  afterAll(async () => {
    if (dataDir !== '') await rm(dataDir, { recursive: true, force: true })
  })

  it('a clean log is checked before listening, and the check is logged with its cost', () => {
    const checked = lines
      .map((line) => JSON.parse(line))
      .find((line) => line.msg === 'log check: every event since the last check is sound')
    expect(checked).toMatchObject({ events: expect.any(Number), ms: expect.any(Number) })
    const order = lines.map((line) => JSON.parse(line).msg)
    expect(order.indexOf('log check: every event since the last check is sound')).toBeLessThan(
      order.indexOf('listening'),
    )
  })

  it('startServer rejects, naming stream and revision, without listening and without personal data', async () => {
    lines.length = 0
    const failed = startServer(options(), log)
    await expect(failed).rejects.toBeInstanceOf(LogCheckFailedError)
    const message = await failed.catch((error: Error) => error.message)
    expect(message).toMatch(/refusing to start: 1 of \d+ events/)
    expect(message).toMatch(/cabinet-[0-9a-f-]+@0 RegistrationStarted: fails its codec at startedAt/)
    expect(message).toContain('imtahan audit')
    expect(lines.some((line) => JSON.parse(line).msg === 'listening')).toBe(false)
    expect(`${message}${lines.join('')}`).not.toContain(RASHAD.fin)
    expect(`${message}${lines.join('')}`).not.toContain(RASHAD.document.number)
  })

  it('the command exits 1 with the reason on stderr; the store was closed, so a skip-checked start works', async () => {
    const stderr: string[] = []
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      stderr.push(String(chunk))
      return true
    })
    try {
      const code = await serveCommand.run(['--port', '0', '--data-dir', dataDir, '--log-level', 'silent'])
      expect(code).toBe(1)
    } finally {
      spy.mockRestore()
    }
    expect(stderr.join('')).toMatch(/^imtahan serve: refusing to start/)
    // PGlite allows one open instance per folder: this start proves the refused one let go of it.
    let server: RunningServer | undefined
    try {
      lines.length = 0
      server = await startServer(options('--skip-log-check'), log)
      expect(lines.map((line) => JSON.parse(line).msg)).toContain(
        'log check skipped (--skip-log-check): an undecodable event will stop the process runner',
      )
    } finally {
      await server?.stop()
    }
  })
})
