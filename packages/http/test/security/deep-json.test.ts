import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_JSON_DEPTH } from '../../src/openapi/input-safety.js'
import { makeHttp, PROVIDER_KEY, type TestHttp } from '../support/app.js'
import { type Client, client } from '../support/client.js'

describe('security: deep JSON gives 500', () => {
  let app: TestHttp
  let http: Client
  beforeAll(async () => {
    app = await makeHttp('pglite')
    http = client(app.app)
  }, 60_000)
  afterAll(() => app?.close())

  it('deep JSON: [ ×5000 + ] ×5000 on every JSON route is 400 validation.invalid_input, not a stack overflow', async () => {
    const raw = `${'['.repeat(5000)}${']'.repeat(5000)}`
    const deepObject = `${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`
    const bodyRoutes = app.routes.filter((route) => route.body !== undefined)
    expect(bodyRoutes.length).toBeGreaterThan(10)
    for (const route of bodyRoutes) {
      const path = route.path.replace(/\{[^}]+\}/g, 'X1')
      for (const body of [raw, deepObject]) {
        const answer = await http.send(route.method.toUpperCase(), path, {
          raw: body,
          headers: { 'x-api-key': PROVIDER_KEY },
        })
        expect(answer.status, `${route.method} ${route.path}`).toBeLessThan(500)
        expect(answer.headers.get('content-type')).toBe('application/problem+json')
        if (route.guard === 'none' || route.guard === 'provider') {
          expect(answer.status).toBe(400)
          expect(answer.json.code).toBe('validation.invalid_input')
        }
      }
    }
  })

  it(`nesting up to ${MAX_JSON_DEPTH} levels is still parsed (and judged by the codec)`, async () => {
    // The body object itself is one level.
    const nested = `${'['.repeat(MAX_JSON_DEPTH - 1)}${']'.repeat(MAX_JSON_DEPTH - 1)}`
    const answer = await http.post('/session', { raw: `{"login":"10000014","password":${nested}}` })
    expect(answer.status).toBe(400)
    expect(answer.json.problems.join(' ')).toContain('password')
    const strings = await http.post('/session', {
      body: { login: '5ZK7P2Q', password: '['.repeat(40) },
    })
    expect(strings.status, strings.text).toBe(401)
  })
})
