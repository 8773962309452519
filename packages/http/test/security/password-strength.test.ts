import { createZxcvbnPasswordStrength } from '@imtahan/adapters'
import { describe, expect, it } from 'vitest'
import { makeHttp } from '../support/app.js'
import { client, expectStatus } from '../support/client.js'
import { AYNUR, KAMRAN, RASHAD, register, signIn, smsCode, startRegistration } from '../support/flows.js'

/** The passwords the issue names; each passes the old length/letter/digit rules. */
const COMMON = [
  'P@ssw0rd',
  'Passw0rd!',
  'Qwerty1234',
  'Aa123456',
  '1q2w3e4r5t',
  'Password2026',
  'Azerbaijan2026',
  'Baku2023',
  'Parol123',
  'Salam123',
  'aaaaaaa1',
]

describe('security: common passwords accepted', () => {
  it('common passwords accepted: zxcvbn scores every listed password below 3, and the documented examples at 3 or more', () => {
    const strength = createZxcvbnPasswordStrength()
    for (const password of COMMON) expect(strength(password, []).score, password).toBeLessThan(3)
    for (const password of [RASHAD.password, AYNUR.password, KAMRAN.password, 'Yeni2026parol'])
      expect(strength(password, []).score, password).toBeGreaterThanOrEqual(3)
  }, 60_000)

  it('common passwords accepted: registration, change and recovery refuse them with 422 password.too_weak and say why', async () => {
    const app = await makeHttp('memory')
    try {
      const http = client(app.app)
      const token = await startRegistration(http, AYNUR)
      expectStatus(await http.put('/registration/contacts', { token, body: { phone: AYNUR.phone } }), 200)
      const code = await smsCode(http, AYNUR.e164)
      expectStatus(await http.post('/registration/phone-confirmation', { token, body: { code } }), 200)
      for (const password of COMMON) {
        const refused = await http.post('/registration/password', { token, body: { password } })
        expect(refused.status, password).toBe(422)
        expect(refused.json.code).toBe('password.too_weak')
        expect(refused.json.problems.join(' ')).toMatch(/too easy to guess|most common/)
        expect(refused.headers.get('content-type')).toBe('application/problem+json')
      }
      const weak = await http.post('/registration/password', { token, body: { password: 'Salam123' } })
      expect(weak.json.feedback.suggestions.length + (weak.json.feedback.warning ? 1 : 0)).toBeGreaterThan(0)
      expectStatus(
        await http.post('/registration/password', { token, body: { password: AYNUR.password } }),
        201,
      )

      const { cabinetNumber } = await register(http, RASHAD)
      const session = await signIn(http, cabinetNumber, RASHAD.password)
      const change = (newPassword: string) =>
        http.put('/cabinets/me/password', {
          token: session,
          body: { currentPassword: RASHAD.password, newPassword },
        })
      for (const password of [
        ...COMMON,
        `Kitab${cabinetNumber}`,
        `Yay-${cabinetNumber.slice(0, 4)} ${cabinetNumber.slice(4)}`.replace(' ', ''),
        'Dəniz501234567',
        'Sahil1234567q',
      ]) {
        const refused = await change(password)
        expect(refused.status, password).toBe(422)
        expect(refused.json.code).toBe('password.too_weak')
      }
      expect((await change(`Kitab${cabinetNumber}`)).json.problems).toContain(
        'must not contain your cabinet number',
      )
      expect((await change('Dəniz501234567')).json.problems).toContain('must not contain your mobile number')

      await http.post('/password-recovery', { body: { login: cabinetNumber } })
      const recoveryCode = await smsCode(http, RASHAD.e164)
      const recovered = await http.post('/password-recovery/confirmation', {
        body: { login: cabinetNumber, code: recoveryCode, newPassword: 'Baku2023' },
      })
      expect(recovered.status).toBe(422)
      expect(recovered.json.code).toBe('password.too_weak')
    } finally {
      await app.close()
    }
  }, 120_000)
})
