import { randomBytes } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { StoreKind } from './options.js'
import { UsageError } from './options.js'

export const SECRET_FILE = 'server-secret'
const MIN_SECRET_LENGTH = 32

/**
 * The server secret keys the FIN fingerprints (CAB-3 stream ids), the code
 * hashes and the tokens, so it must stay the same as long as the data does:
 * a new secret would make every FIN look unregistered. With PGlite it is
 * generated once and kept (mode 0600) beside the data it protects; a shared
 * database needs it from the environment, identical on every server.
 */
export const loadServerSecret = async (
  store: StoreKind,
  dataDir: string,
  fromEnv: string | undefined,
): Promise<Buffer> => {
  if (fromEnv !== undefined) {
    if (fromEnv.length < MIN_SECRET_LENGTH)
      throw new UsageError(`IMTAHAN_SECRET must be at least ${MIN_SECRET_LENGTH} characters`)
    return Buffer.from(fromEnv, 'utf8')
  }
  if (store === 'memory') return randomBytes(32)
  if (store !== 'pglite')
    throw new UsageError(
      `--store ${store} needs IMTAHAN_SECRET (at least ${MIN_SECRET_LENGTH} characters, the same on every server)`,
    )
  await mkdir(dataDir, { recursive: true })
  const file = join(dataDir, SECRET_FILE)
  try {
    return Buffer.from((await readFile(file, 'utf8')).trim(), 'base64')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  const secret = randomBytes(32)
  // `wx`: two servers starting on a fresh folder cannot both write one.
  await writeFile(file, `${secret.toString('base64')}\n`, { mode: 0o600, flag: 'wx' })
  return secret
}
