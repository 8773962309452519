import { type SignInSessionOptions, type SignInSessions, signInTokens } from './port.js'

type Session = { readonly cabinetId: string; readonly expiresAt: number }

/**
 * In one process's memory: for tests and the memory store, where a restart
 * signs everyone out — the safe way to fail.
 */
export const createMemorySignInSessions = ({
  secret,
  ttlSeconds,
  clock,
}: SignInSessionOptions): SignInSessions => {
  const sessions = new Map<string, Session>()
  const { create, hashOf, isOurs } = signInTokens(secret)
  const purgeExpired = async (now: Date) => {
    let purged = 0
    for (const [hash, session] of sessions)
      if (session.expiresAt <= now.getTime()) {
        sessions.delete(hash)
        purged += 1
      }
    return purged
  }
  return {
    issue: async (cabinetId) => {
      // Nothing else bounds the map, so each sign-in sweeps what expired.
      await purgeExpired(clock.now())
      const token = create()
      const expiresAt = clock.now().getTime() + ttlSeconds * 1000
      sessions.set(hashOf(token), { cabinetId, expiresAt })
      return { token, expiresAt: new Date(expiresAt) }
    },
    resolve: async (token) => {
      if (!isOurs(token)) return undefined
      const session = sessions.get(hashOf(token))
      return session !== undefined && session.expiresAt > clock.now().getTime()
        ? session.cabinetId
        : undefined
    },
    revoke: async (token) => {
      sessions.delete(hashOf(token))
    },
    revokeCabinet: async (cabinetId, keep) => {
      const kept = keep === undefined ? undefined : hashOf(keep)
      for (const [hash, session] of sessions)
        if (session.cabinetId === cabinetId && hash !== kept) sessions.delete(hash)
    },
    purgeExpired,
  }
}
