import { describe, expect, it } from 'vitest'
import { makeHttp } from '../support/app.js'
import { client } from '../support/client.js'

describe('security: HTTP security headers and CORS', () => {
  it('security headers: every answer (JSON, problem, /docs) carries secure-headers and a CSP that /docs satisfies', async () => {
    const app = await makeHttp('memory')
    try {
      const http = client(app.app)
      for (const answer of [
        await http.get('/openapi.json'),
        await http.get('/nowhere'),
        await http.post('/session', { raw: '{' }),
        await http.get('/docs'),
      ]) {
        expect(answer.headers.get('x-content-type-options')).toBe('nosniff')
        expect(answer.headers.get('x-frame-options')).toBe('DENY')
        expect(answer.headers.get('strict-transport-security')).toContain('max-age=')
        expect(answer.headers.get('referrer-policy')).toBe('no-referrer')
        expect(answer.headers.get('content-security-policy')).toContain("default-src 'none'")
        expect(answer.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
      }
      const docs = await http.get('/docs')
      expect(docs.status).toBe(200)
      const csp = docs.headers.get('content-security-policy') ?? ''
      // Swagger UI from this server: scripts and the stylesheet by URL from the same origin, none inline.
      expect(csp).toContain("script-src 'self'")
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/)
      expect(csp).toContain("connect-src 'self'")
      const inlineScripts = [...docs.text.matchAll(/<script>([\s\S]*?)<\/script>/g)]
      expect(inlineScripts).toHaveLength(0)
      const sources = [...docs.text.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((m) => m[1] ?? '')
      expect(sources.length).toBeGreaterThan(0)
      for (const source of sources) expect(source, source).toMatch(/^\/(?!\/)/)
      // Nothing else the CSP would block: no event-handler attributes.
      expect(docs.text).not.toMatch(/\son[a-z]+=/)
    } finally {
      await app.close()
    }
  })

  it('CORS: none by default; only configured origins get Access-Control-Allow-Origin', async () => {
    const closed = await makeHttp('memory')
    const open = await makeHttp('memory', { corsOrigins: ['https://portal.example.az'] })
    try {
      const preflight = {
        origin: 'https://portal.example.az',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,idempotency-key',
      }
      const none = await client(closed.app).send('OPTIONS', '/session', { headers: preflight })
      expect(none.headers.get('access-control-allow-origin')).toBeNull()
      const plain = await client(closed.app).get('/openapi.json', {
        headers: { origin: 'https://portal.example.az' },
      })
      expect(plain.headers.get('access-control-allow-origin')).toBeNull()

      const allowed = await client(open.app).send('OPTIONS', '/session', { headers: preflight })
      expect(allowed.status).toBe(204)
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://portal.example.az')
      expect(allowed.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('idempotency-key')
      expect(allowed.headers.get('access-control-allow-credentials')).toBeNull()
      const read = await client(open.app).get('/openapi.json', {
        headers: { origin: 'https://portal.example.az' },
      })
      expect(read.headers.get('access-control-allow-origin')).toBe('https://portal.example.az')
      expect(read.headers.get('access-control-expose-headers')?.toLowerCase()).toContain('x-request-id')
      const evil = await client(open.app).get('/openapi.json', {
        headers: { origin: 'https://evil.example' },
      })
      expect(evil.headers.get('access-control-allow-origin')).toBeNull()
    } finally {
      await closed.close()
      await open.close()
    }
  })
})
