import { describe, expect, it } from 'vitest'
import { makeHttp } from '../support/app.js'
import { client } from '../support/client.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

describe('security: request ids', () => {
  it("a client's X-Request-Id is logged as sent: only ≤ 64 [A-Za-z0-9-] is kept, anything else is replaced", async () => {
    const app = await makeHttp('memory')
    try {
      const http = client(app.app)
      const forged = [
        'a'.repeat(65),
        'x:admin=true',
        'id.with.dots',
        '"}{"level":60',
        'ok id',
        'caf\u00e9',
        '%0d%0aSet-Cookie:x',
      ]
      for (const id of forged) {
        const answer = await http.get('/openapi.json', { headers: { 'x-request-id': id } })
        expect(answer.headers.get('x-request-id')).toMatch(UUID)
        expect(app.log.text()).not.toContain(id)
      }
      for (const id of [
        '01HZX3K6W7Q8R9S0T1V2W3X4Y5',
        '2f1e7c7a-3b7e-4b0e-9a51-8d1c5a3e9f10',
        'a'.repeat(64),
      ]) {
        const answer = await http.get('/openapi.json', { headers: { 'x-request-id': id } })
        expect(answer.headers.get('x-request-id')).toBe(id)
      }
    } finally {
      await app.close()
    }
  })
})
