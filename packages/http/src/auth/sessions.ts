import { createHmac, randomBytes } from 'node:crypto'
import type { Clock } from '@imtahan/adapters'

const PREFIX = 'ims_'

type Session = { readonly cabinetId: string; readonly expiresAt: number }

export type Sessions = {
  issue(cabinetId: string): { readonly token: string; readonly expiresAt: Date }
  /** The cabinet id, or `undefined` for an unknown, revoked or expired token. */
  resolve(token: string): string | undefined
  revoke(token: string): void
  /** Ends every session of a cabinet but `keep` (after a password change or recovery). */
  revokeCabinet(cabinetId: string, keep?: string): void
}

/**
 * Session tokens are random and opaque; the server keeps them (by HMAC, so
 * the map alone is no list of working tokens) in memory. Logout therefore
 * really revokes, and a restart signs everyone out — the safe way to fail.
 * Several server processes would need a shared map (see docs/integrators.md).
 */
export const createSessions = (secret: Buffer, ttlSeconds: number, clock: Clock): Sessions => {
  const sessions = new Map<string, Session>()
  const idOf = (token: string) => createHmac('sha256', secret).update(`session\n${token}`).digest('base64url')
  const now = () => clock.now().getTime()
  const forgetExpired = () => {
    for (const [id, session] of sessions) if (session.expiresAt <= now()) sessions.delete(id)
  }
  return {
    issue: (cabinetId) => {
      forgetExpired()
      const token = `${PREFIX}${randomBytes(32).toString('base64url')}`
      const expiresAt = now() + ttlSeconds * 1000
      sessions.set(idOf(token), { cabinetId, expiresAt })
      return { token, expiresAt: new Date(expiresAt) }
    },
    resolve: (token) => {
      if (!token.startsWith(PREFIX)) return undefined
      const session = sessions.get(idOf(token))
      return session !== undefined && session.expiresAt > now() ? session.cabinetId : undefined
    },
    revoke: (token) => {
      sessions.delete(idOf(token))
    },
    revokeCabinet: (cabinetId, keep) => {
      const kept = keep === undefined ? undefined : idOf(keep)
      for (const [id, session] of sessions)
        if (session.cabinetId === cabinetId && id !== kept) sessions.delete(id)
    },
  }
}
