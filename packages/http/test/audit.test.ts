import { exportLog, headsDigest, parseExportLine, type RecordedEvent } from '@imtahan/adapters'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeHttp, PROVIDER_KEY, type TestHttp } from './support/app.js'
import { type Client, client } from './support/client.js'
import { AYNUR, pushPayment, RASHAD, register } from './support/flows.js'

const AUDITOR_KEY = 'test-auditor-key-0123456789abcdef'
const BOARD_KEY = 'test-board-key-0123456789abcdef0'

const auditor = { 'x-api-key': AUDITOR_KEY }
const linesOf = (text: string) => text.split('\n').filter((line) => line !== '')
const digestOf = (lines: readonly string[]) =>
  headsDigest(
    new Map(
      lines
        .map((line, i) => parseExportLine(line, i + 1) as RecordedEvent)
        .map((event) => [event.streamId, { revision: event.revision, hash: event.metadata.hash }]),
    ),
  )

type Operation = { operationId: string; parameters?: { name: string; in: string }[] }

describe('SPEC §5 the auditor reads the log over HTTP and writes nothing', () => {
  let env: TestHttp
  let http: Client
  beforeAll(async () => {
    env = await makeHttp('memory', {
      apiKeys: { payment_provider: [PROVIDER_KEY], auditor: [AUDITOR_KEY], board: [BOARD_KEY] },
    })
    http = client(env.app)
    await register(http, RASHAD)
    await register(http, AYNUR)
    await pushPayment(http, RASHAD.document.number, '25.00')
    await env.imtahan.settle()
  })
  afterAll(async () => env.close())

  it('pages the whole log as NDJSON: the same lines and digest as imtahan export', async () => {
    let exported = ''
    const summary = await exportLog(env.store, (chunk) => {
      exported += chunk
    })
    expect(summary.events).toBeGreaterThan(10)

    const paged: string[] = []
    let from: string | null = null
    let pages = 0
    do {
      const answer = await http.get(`/audit/log?limit=7${from === null ? '' : `&from=${from}`}`, {
        headers: auditor,
      })
      expect(answer.status).toBe(200)
      expect(answer.headers.get('content-type')).toBe('application/x-ndjson')
      const lines = linesOf(answer.text)
      expect(lines.length).toBeLessThanOrEqual(7)
      paged.push(...lines)
      from = answer.headers.get('imtahan-next-from')
      pages += 1
    } while (from !== null && pages < 1000)

    expect(pages).toBeGreaterThan(1)
    expect(paged).toEqual(linesOf(exported))
    expect(digestOf(paged)).toBe(summary.digest)
  })

  it('reads one stream as NDJSON, in revision order', async () => {
    const first = parseExportLine(
      linesOf((await http.get('/audit/log?limit=1', { headers: auditor })).text)[0]!,
      1,
    ) as RecordedEvent
    const answer = await http.get(`/audit/streams/${encodeURIComponent(first.streamId)}`, {
      headers: auditor,
    })
    expect(answer.status).toBe(200)
    const events = linesOf(answer.text).map((line, i) => parseExportLine(line, i + 1) as RecordedEvent)
    expect(events.length).toBeGreaterThan(0)
    expect(events.every((event) => event.streamId === first.streamId)).toBe(true)
    expect(events.map((event) => event.revision)).toEqual(events.map((_, i) => BigInt(i)))
  })

  it('refuses a position or limit it cannot read with 400', async () => {
    expect((await http.get('/audit/log?from=abc', { headers: auditor })).status).toBe(400)
    expect((await http.get('/audit/log?limit=0', { headers: auditor })).status).toBe(400)
  })

  it('other roles get 403, no key or a wrong key 401', async () => {
    for (const path of ['/audit/log', '/audit/streams/exam-x']) {
      expect((await http.get(path, { headers: { 'x-api-key': BOARD_KEY } })).status).toBe(403)
      expect((await http.get(path, { headers: { 'x-api-key': PROVIDER_KEY } })).status).toBe(403)
      expect((await http.get(path)).status).toBe(401)
      expect((await http.get(path, { headers: { 'x-api-key': 'not-a-key' } })).status).toBe(401)
    }
  })

  it('every write route of /openapi.json answers the auditor key with 403 and records nothing', async () => {
    const document = (await http.get('/openapi.json')).json as {
      paths: Record<string, Record<string, Operation>>
    }
    const writes = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([method]) => method !== 'get')
        .map(([method, operation]) => ({ method, path, operation })),
    )
    expect(writes.length).toBeGreaterThanOrEqual(20)
    const before = (await env.store.readAll()).length
    for (const { method, path, operation } of writes) {
      const concrete = path.replace(/\{[^}]+\}/g, 'x')
      const answer = await http.send(method.toUpperCase(), concrete, {
        headers: { ...auditor, 'idempotency-key': `auditor-${operation.operationId}` },
        body: {},
      })
      expect(answer.status, `${method.toUpperCase()} ${path} (${operation.operationId})`).toBe(403)
      expect(answer.json.code).toBe('auth.read_only')
    }
    expect((await env.store.readAll()).length).toBe(before)
  })

  it('documents the auditor routes as NDJSON behind the auditor key', async () => {
    const document = (await http.get('/openapi.json')).json
    const log = document.paths['/audit/log'].get
    expect(Object.keys(log.responses['200'].content)).toEqual(['application/x-ndjson'])
    expect(log.security).toEqual([{ auditorKey: [] }])
    expect(Object.keys(log.responses)).toContain('403')
  })
})
