import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runProjectionsCommand } from '../src/commands/projections.js'
import { parseServeOptions, type ServeOptions } from '../src/serve/options.js'
import { startServer } from '../src/serve/server.js'

const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })

const run = async (...args: string[]) => {
  const out: string[] = []
  const err: string[] = []
  const code = await runProjectionsCommand(args, {
    stdout: { write: (text: string) => out.push(text) },
    stderr: { write: (text: string) => err.push(text) },
    env: {},
  })
  return { code, out: out.join(''), err: err.join('') }
}

describe('imtahan projections on PGlite', () => {
  let dataDir = ''
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'imtahan-projections-'))
    const options = parseServeOptions(['--port', '0', '--data-dir', dataDir, '--log-level', 'silent'], {})
    const server = await startServer(options as ServeOptions)
    expect(
      (
        await post(`${server.url}/registration`, {
          document: { series: 'AZE', number: '12345678' },
          fin: '5ZK7P2Q',
        })
      ).status,
    ).toBe(201)
    await server.stop()
  })
  afterAll(async () => {
    if (dataDir !== '') await rm(dataDir, { recursive: true, force: true })
  })

  it('status --json: every view with its checkpoint, the head and how far behind', async () => {
    const { code, out } = await run('status', '--json', '--data-dir', dataDir)
    expect(code).toBe(0)
    const { views } = JSON.parse(out)
    expect(views.map((row: { view: string }) => row.view)).toEqual([
      'unclaimed-payments',
      'sitting-results',
      'appeals',
      'services-used',
    ])
    for (const row of views)
      expect(row).toMatchObject({ head: expect.any(String), behind: expect.any(Number) })
  })

  it('rebuild NAME builds the next generation beside the live one and swaps it in', async () => {
    const before = JSON.parse((await run('status', '--json', '--data-dir', dataDir)).out).views
    const generation = before.find((row: { view: string }) => row.view === 'appeals').generation ?? 0
    const { code, out } = await run('rebuild', 'appeals', '--json', '--data-dir', dataDir)
    expect(code).toBe(0)
    expect(JSON.parse(out)).toMatchObject({
      rebuilt: 'appeals',
      events: expect.any(Number),
      status: { view: 'appeals', generation: generation + 1, behind: 0 },
    })
    const text = await run('status', '--data-dir', dataDir)
    expect(text.out).toMatch(/appeals\s+generation \d+ version 1\s+checkpoint \S+\s+head \S+\s+behind 0/)
  })

  it('--help, and usage errors exit 2', async () => {
    expect((await run('--help')).out).toContain('imtahan projections rebuild <view>')
    expect((await run('rebuild', 'nonsense', '--data-dir', dataDir)).code).toBe(2)
    expect((await run('status', '--store', 'memory')).code).toBe(2)
    expect((await run('status', '--data-dir', join(dataDir, 'none'))).code).toBe(2)
  })
})
