import { describe, expect, it } from 'vitest'
import { makeHttp } from '../support/app.js'
import { client, expectStatus } from '../support/client.js'
import { RASHAD, startRegistration } from '../support/flows.js'

const SECOND = 1000

describe('security: SMS code guessing capped only per minute', () => {
  it('SMS code guessing: at most 5 codes a day per cabinet, each resend waits twice as long, then 429 with Retry-After', async () => {
    const app = await makeHttp('pglite')
    try {
      const http = client(app.app)
      const token = await startRegistration(http, RASHAD)
      const resend = () => http.post('/registration/phone-code', { token })
      expectStatus(await http.put('/registration/contacts', { token, body: { phone: RASHAD.phone } }), 200)
      // Before: a resend every 60 s, each with 5 fresh tries, all day long.
      const waits = [60, 60, 120, 240]
      for (const wait of waits) {
        app.clock.advance((wait - 1) * SECOND)
        const early = await resend()
        expect(early.status).toBe(429)
        expect(early.json.code).toBe('otp.resend_too_soon')
        expect(early.headers.get('retry-after')).not.toBeNull()
        app.clock.advance(1 * SECOND)
        expect((await resend()).status, `after ${wait} s`).toBeLessThan(300)
      }
      // Five codes are out: past the escalated delay (480 s), the sixth still waits for the day to pass.
      app.clock.advance(1000 * SECOND)
      const capped = await resend()
      expect(capped.status).toBe(429)
      expect(capped.json.code).toBe('otp.daily_limit_reached')
      expect(capped.headers.get('content-type')).toBe('application/problem+json')
      const retryAt = Date.parse(capped.json.retryAt)
      expect(retryAt - Date.parse('2026-05-20T08:00:00Z')).toBe(24 * 3600 * SECOND)
      expect(Date.parse(capped.headers.get('retry-after') ?? '')).toBe(retryAt)
    } finally {
      await app.close()
    }
  }, 120_000)
})
