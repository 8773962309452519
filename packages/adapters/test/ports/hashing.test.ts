import { DEFAULT_OTP_POLICY, judgeOtp } from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { createHmacCodeHasher, createScryptPasswordHasher } from '../../src/ports/index.js'

const SECRET = 'test-secret-of-at-least-16-bytes'

describe('scrypt password hasher (CAB-6)', () => {
  const hasher = createScryptPasswordHasher()

  it('CAB-6: stores a salted scrypt hash that verifies the password and refuses another', async () => {
    const hash = await hasher.hash('Bakı2026yay')
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/)
    expect(hash).not.toContain('Bakı2026yay')
    expect(await hasher.verify('Bakı2026yay', hash)).toBe(true)
    expect(await hasher.verify('bakı2026yay', hash)).toBe(false)
    expect(await hasher.verify('', hash)).toBe(false)
  })

  it('salts: the same password hashes differently each time', async () => {
    expect(await hasher.hash('same-password-1')).not.toBe(await hasher.hash('same-password-1'))
  })

  it('treats composed and decomposed letters as the same password (NFC)', async () => {
    const hash = await hasher.hash('Şəki2026\u00e7')
    expect(await hasher.verify('Şəki2026c\u0327', hash)).toBe(true)
  })

  it('verifies a hash made with another cost (the cost is read from the hash)', async () => {
    const cheap = await createScryptPasswordHasher({ N: 1024, r: 8, p: 1 }).hash('older-hash-9')
    expect(await hasher.verify('older-hash-9', cheap)).toBe(true)
  })

  it('a malformed or tampered hash is a failed check, not a crash', async () => {
    const hash = await hasher.hash('password-x9')
    for (const bad of [
      '',
      'plain',
      hash.replace('scrypt', 'bcrypt'),
      hash.replace('$32768$', '$3$'),
      hash.slice(0, -4) + 'AAA=',
    ])
      expect(await hasher.verify('password-x9', bad)).toBe(false)
  })
})

describe('HMAC code hasher (CAB-5)', () => {
  const hasher = createHmacCodeHasher(SECRET)

  it('CAB-5: the stored hash does not contain the code, and verifies it', () => {
    const hash = hasher.hash('482913')
    expect(hash).not.toContain('482913')
    expect(hasher.verify('482913', hash)).toBe(true)
    expect(hasher.verify('482914', hash)).toBe(false)
  })

  it('salts per code and depends on the server secret', () => {
    expect(hasher.hash('123456')).not.toBe(hasher.hash('123456'))
    const other = createHmacCodeHasher('another-secret-16-bytes-long')
    expect(other.verify('123456', hasher.hash('123456'))).toBe(false)
    expect(hasher.verify('123456', 'garbage')).toBe(false)
  })

  it('refuses a secret shorter than 16 bytes', () => {
    expect(() => createHmacCodeHasher('short')).toThrow(/at least 16 bytes/)
  })

  it("plugs into the domain's CodeVerifier", () => {
    const challenge = {
      codeHash: hasher.hash('555111'),
      issuedAt: new Date('2026-05-20T08:00:00Z'),
      failedAttempts: 0,
    }
    const now = new Date('2026-05-20T08:01:00Z')
    expect(judgeOtp(DEFAULT_OTP_POLICY, challenge, '555111', now, hasher.verify)).toEqual(
      E.right({ kind: 'accepted' }),
    )
    const wrong = judgeOtp(DEFAULT_OTP_POLICY, challenge, '555112', now, hasher.verify)
    expect(E.isRight(wrong) && wrong.right.kind).toBe('wrong')
  })
})
