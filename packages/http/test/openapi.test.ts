import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeHttp, type TestHttp } from './support/app.js'
import { client } from './support/client.js'

/** The documents themselves are not operations of the API. */
const NOT_OPERATIONS = new Set([
  '/openapi.json',
  '/docs',
  '/docs/init.js',
  '/docs/swagger-ui.css',
  '/docs/swagger-ui-bundle.js',
  '/',
])

/** Every method + path Hono will answer, from its own router table (middleware registered with `use` is ALL). */
const servedRoutes = (env: TestHttp) => [
  ...new Set(
    env.app.routes
      .filter((r) => r.method !== 'ALL' && !NOT_OPERATIONS.has(r.path))
      .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:([A-Za-z]+)/g, '{$1}')}`),
  ),
]

type Operation = {
  operationId: string
  summary: string
  parameters?: { name: string; in: string }[]
  requestBody?: { content: Record<string, { schema: object }> }
  responses: Record<string, { content?: Record<string, { schema: object }> }>
}

describe('OpenAPI 3.1 at /openapi.json', () => {
  let env: TestHttp
  let document: { openapi: string; paths: Record<string, Record<string, Operation>> }
  beforeAll(async () => {
    env = await makeHttp('memory')
    document = (await client(env.app).get('/openapi.json')).json
  })
  afterAll(async () => env.close())

  it('is OpenAPI 3.1 and served as JSON', () => {
    expect(document.openapi).toBe('3.1.0')
  })

  it('documents every route the app serves, and nothing it does not serve', () => {
    const served = servedRoutes(env)
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method} ${path}`),
    )
    expect(served.length).toBeGreaterThanOrEqual(20)
    for (const route of served) expect(documented, `${route} is missing from /openapi.json`).toContain(route)
    expect(documented.sort()).toEqual(served.sort())
  })

  it('covers every cabinet and account use case of SPEC §1–2', () => {
    const ids = Object.values(document.paths).flatMap((operations) =>
      Object.values(operations).map((operation) => operation.operationId),
    )
    for (const id of [
      'startRegistration', // CAB-1/2
      'setRegistrationContacts', // CAB-4
      'confirmRegistrationPhone', // CAB-5
      'resendRegistrationCode', // CAB-5
      'completeRegistration', // CAB-6/7
      'signIn',
      'signOut',
      'getCabinet',
      'renewDocument', // CAB-8
      'changeContacts', // CAB-9
      'confirmPhone', // CAB-9
      'changePassword', // CAB-10
      'requestPasswordRecovery', // CAB-10
      'completePasswordRecovery', // CAB-10
      'getAccount',
      'listUnclaimedPayments', // PAY-2
      'creditListedPayment', // PAY-2
      'creditPaymentByCode', // PAY-3
      'listTopUps', // WAL-2
      'listSpendings', // WAL-3
      'transfer', // WAL-4
      'receivePayment', // PAY-1
      'lastSms',
    ])
      expect(ids).toContain(id)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('gives each operation its request and response schemas and its problem responses', () => {
    for (const [path, operations] of Object.entries(document.paths))
      for (const [method, operation] of Object.entries(operations)) {
        const where = `${method} ${path}`
        expect(operation.summary, where).toMatch(/\S/)
        const success = Object.entries(operation.responses).find(([status]) => status.startsWith('2'))
        expect(success, where).toBeDefined()
        // JSON, or another media type (the auditor's NDJSON stream, the operator's Prometheus text)
        if (success?.[0] !== '204')
          expect(Object.values(success?.[1].content ?? {})[0]?.schema, where).toBeDefined()
        expect(operation.responses['500']?.content?.['application/problem+json'], where).toBeDefined()
        if (operation.requestBody)
          expect(operation.requestBody.content['application/json']?.schema, where).toMatchObject({
            type: 'object',
          })
        for (const name of path.match(/\{([^}]+)\}/g) ?? [])
          expect(
            operation.parameters?.some((p) => p.in === 'path' && `{${p.name}}` === name),
            `${where} documents ${name}`,
          ).toBe(true)
      }
  })

  it('WAL-7: every money-moving route documents the Idempotency-Key header', () => {
    for (const [path, method] of [
      ['/accounts/me/transfers', 'post'],
      ['/accounts/me/credits', 'post'],
      ['/accounts/me/unclaimed-payments/{paymentCode}/credit', 'post'],
      ['/provider/payments', 'post'],
    ] as const)
      expect(document.paths[path]?.[method]?.parameters?.map((p) => p.name)).toContain('Idempotency-Key')
  })

  it('has a browsable UI at /docs that reads the document', async () => {
    const page = await client(env.app).get('/docs')
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toContain('text/html')
    expect(page.text).toContain('/openapi.json')
    // Swagger UI from this package, no CDN, and no inline script (a CSP of script-src 'self' holds).
    expect(page.text).not.toMatch(/https?:\/\//)
    expect(page.text).not.toMatch(/<script>/)
    for (const asset of ['/docs/swagger-ui-bundle.js', '/docs/swagger-ui.css', '/docs/init.js']) {
      expect(page.text).toContain(asset)
      const answer = await client(env.app).get(asset)
      expect(answer.status, asset).toBe(200)
    }
    expect((await client(env.app).get('/docs/init.js')).text).toContain("url: '/openapi.json'")
  })
})
