import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { requireSecret } from './secret.js'

/**
 * CAB-5: confirmation codes are kept in events only as a hash. A 6-digit code
 * has a million values, so a salted SHA-256 in an event could be reversed by
 * trying them all in a second. The hash is therefore an HMAC keyed with a
 * server secret that never enters the event store; the per-code salt makes
 * two equal codes hash differently. Verification is synchronous because the
 * domain's `CodeVerifier` is called inside `decide`.
 */
export interface CodeHasher {
  hash(code: string): string
  verify(code: string, codeHash: string): boolean
}

const SALT_LENGTH = 16

export const createHmacCodeHasher = (secret: string | Uint8Array): CodeHasher => {
  const key = requireSecret(secret, 'confirmation code')
  const mac = (salt: Buffer, code: string): Buffer =>
    createHmac('sha256', key).update(salt).update(code).digest()
  return {
    hash: (code) => {
      const salt = randomBytes(SALT_LENGTH)
      return `hmac-sha256$${salt.toString('base64')}$${mac(salt, code).toString('base64')}`
    },
    verify: (code, codeHash) => {
      const [scheme, salt, expected] = codeHash.split('$')
      if (scheme !== 'hmac-sha256' || salt === undefined || expected === undefined) return false
      const wanted = Buffer.from(expected, 'base64')
      const actual = mac(Buffer.from(salt, 'base64'), code)
      return wanted.length === actual.length && timingSafeEqual(actual, wanted)
    },
  }
}
