import { createHmac, timingSafeEqual } from 'node:crypto'
import type { Clock } from '@imtahan/adapters'

const PREFIX = 'imr_'

export type RegistrationTokens = {
  issue(cabinetId: string): { readonly token: string; readonly expiresAt: Date }
  /** The cabinet id, or `undefined` for a token that is forged, malformed or expired. */
  verify(token: string): string | undefined
}

/**
 * Proof of an ongoing registration, from its first step to the password:
 * `imr_<cabinetId>.<expiry>.<HMAC>`. Stateless on purpose — the cabinet's
 * stream already says how far the registration got, and the domain refuses
 * steps out of order — and short-lived. The cabinet id is a random UUID, not
 * personal data.
 */
export const createRegistrationTokens = (secret: Buffer, ttlSeconds: number, clock: Clock) => {
  const sign = (payload: string) =>
    createHmac('sha256', secret).update(`registration\n${payload}`).digest('base64url')
  const tokens: RegistrationTokens = {
    issue: (cabinetId) => {
      const expiresAt = new Date(clock.now().getTime() + ttlSeconds * 1000)
      const payload = `${cabinetId}.${Math.floor(expiresAt.getTime() / 1000)}`
      return { token: `${PREFIX}${payload}.${sign(payload)}`, expiresAt }
    },
    verify: (token) => {
      if (!token.startsWith(PREFIX)) return undefined
      const [cabinetId, expiry, signature, ...rest] = token.slice(PREFIX.length).split('.')
      if (cabinetId === undefined || expiry === undefined || signature === undefined || rest.length > 0)
        return undefined
      const expected = Buffer.from(sign(`${cabinetId}.${expiry}`))
      const given = Buffer.from(signature)
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined
      return Number(expiry) * 1000 > clock.now().getTime() ? cabinetId : undefined
    },
  }
  return tokens
}
