import { createHmac, randomBytes } from 'node:crypto'
import type { Clock } from '../ports/clock.js'

/**
 * Sign-in sessions of cabinet owners, kept where every `imtahan serve`
 * process sees them: a token issued by one process resolves in all, and a
 * logout or password change revokes it everywhere at once.
 */
export interface SignInSessions {
  issue(cabinetId: string): Promise<IssuedSession>
  /** The cabinet id, or `undefined` for an unknown, revoked or expired token. */
  resolve(token: string): Promise<string | undefined>
  revoke(token: string): Promise<void>
  /** Ends every session of a cabinet but `keep` (after a password change or recovery). */
  revokeCabinet(cabinetId: string, keep?: string): Promise<void>
  /** Forgets sessions expired at `now`; returns how many. Expired ones never resolve anyway. */
  purgeExpired(now: Date): Promise<number>
}

export type IssuedSession = { readonly token: string; readonly expiresAt: Date }

export type SignInSessionOptions = {
  /** Keys the token hash; at least 16 bytes (ports/secret.ts `requireSecret`). */
  readonly secret: Buffer
  readonly ttlSeconds: number
  readonly clock: Clock
}

/** Marks our tokens, so a stray value (another system's token) is refused without a look-up. */
export const SIGN_IN_TOKEN_PREFIX = 'ims_'

/** 256 random bits: unguessable, and opaque — it says nothing about the cabinet. */
export const newSignInToken = (): string => `${SIGN_IN_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`

/**
 * What is stored instead of the token: HMAC(secret, token). Someone who reads
 * the table (a backup, a replica) holds no working token, and without the
 * secret cannot test guesses offline either.
 */
export const signInTokenHash = (secret: Buffer, token: string): string =>
  createHmac('sha256', secret).update(`session\n${token}`).digest('base64url')

export const isSignInToken = (token: string): boolean => token.startsWith(SIGN_IN_TOKEN_PREFIX)

/** The token operations both storages share, keyed by the server secret. */
export const signInTokens = (secret: Buffer) => ({
  create: newSignInToken,
  hashOf: (token: string) => signInTokenHash(secret, token),
  isOurs: isSignInToken,
})
