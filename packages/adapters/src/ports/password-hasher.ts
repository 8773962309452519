import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto'

/** CAB-6: only a slow salted hash of a password is ever stored. */
export interface PasswordHasher {
  hash(password: string): Promise<string>
  verify(password: string, hash: string): Promise<boolean>
}

export type ScryptCost = { readonly N: number; readonly r: number; readonly p: number }

/** OWASP's scrypt minimum (N=2^15, r=8, p=1): about 32 MiB and tens of milliseconds per guess. */
export const DEFAULT_SCRYPT_COST: ScryptCost = { N: 2 ** 15, r: 8, p: 1 }

const KEY_LENGTH = 32
const SALT_LENGTH = 16

const derive = (password: string, salt: Buffer, { N, r, p }: ScryptCost): Promise<Buffer> => {
  // scrypt needs 128·N·r bytes; Node's default cap (32 MiB) is exactly that at N=2^15, so raise it.
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r }
  return new Promise((resolve, reject) =>
    // NFC: "ə" typed as one code point or as e + combining mark is the same password.
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) =>
      error === null ? resolve(key) : reject(error),
    ),
  )
}

/** Format `scrypt$N$r$p$salt$hash` (base64): the cost travels with the hash, so it can be raised later. */
const parse = (stored: string): { cost: ScryptCost; salt: Buffer; key: Buffer } | undefined => {
  const [scheme, n, r, p, salt, key] = stored.split('$')
  if (scheme !== 'scrypt' || salt === undefined || key === undefined) return undefined
  const cost = { N: Number(n), r: Number(r), p: Number(p) }
  const valid = Object.values(cost).every((value) => Number.isSafeInteger(value) && value > 0)
  return valid ? { cost, salt: Buffer.from(salt, 'base64'), key: Buffer.from(key, 'base64') } : undefined
}

export const createScryptPasswordHasher = (cost: ScryptCost = DEFAULT_SCRYPT_COST): PasswordHasher => ({
  hash: async (password) => {
    const salt = randomBytes(SALT_LENGTH)
    const key = await derive(password, salt, cost)
    return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$')
  },
  verify: async (password, stored) => {
    const parsed = parse(stored)
    if (parsed === undefined || parsed.key.length !== KEY_LENGTH) return false
    // A cost scrypt refuses (tampered or corrupt hash) is a failed check, not a crash.
    const key = await derive(password, parsed.salt, parsed.cost).catch(() => undefined)
    return key !== undefined && timingSafeEqual(key, parsed.key)
  },
})
