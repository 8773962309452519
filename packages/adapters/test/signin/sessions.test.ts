import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openSqlDatabase } from '../../src/idempotency/sql-database.js'
import { createTestClock } from '../../src/ports/clock.js'
import {
  createMemorySignInSessions,
  createSqlSignInSessions,
  type SignInSessionOptions,
  type SignInSessions,
} from '../../src/signin/index.js'
import type { SqlClient } from '../../src/store/sql/client.js'
import { DATABASE_URL, dropSchema, freshSchemaName, skipWithoutDatabase } from '../store/pg-support.js'

const secret = Buffer.from('a test secret of enough bytes')
const TTL = 3600
type Open = (
  options: SignInSessionOptions,
) => Promise<{ sessions: SignInSessions; close: () => Promise<void> }>

/** The same behaviour from every storage, as http/src/auth/sessions.ts has it in memory today. */
const contract = (name: string, open: Open) =>
  describe(`sign-in sessions on ${name}`, () => {
    const clock = createTestClock()
    let sessions: SignInSessions
    let close = async () => {}
    beforeAll(async () => {
      ;({ sessions, close } = await open({ secret, ttlSeconds: TTL, clock }))
    })
    afterAll(() => close())

    it('issues an opaque ims_ token that resolves to its cabinet until it expires', async () => {
      const issued = await sessions.issue('cab-1')
      expect(issued.token).toMatch(/^ims_[A-Za-z0-9_-]{43}$/)
      expect(issued.expiresAt).toEqual(new Date(clock.now().getTime() + TTL * 1000))
      expect(await sessions.resolve(issued.token)).toBe('cab-1')
      clock.advance(TTL * 1000 - 1)
      expect(await sessions.resolve(issued.token)).toBe('cab-1')
      clock.advance(1)
      expect(await sessions.resolve(issued.token)).toBeUndefined()
    })

    it('refuses unknown, foreign and revoked tokens', async () => {
      const issued = await sessions.issue('cab-2')
      expect(await sessions.resolve(`${issued.token}x`)).toBeUndefined()
      expect(await sessions.resolve(issued.token.replace('ims_', 'xyz_'))).toBeUndefined()
      await sessions.revoke(issued.token)
      expect(await sessions.resolve(issued.token)).toBeUndefined()
      await sessions.revoke(issued.token)
    })

    it('CAB-10: revoking a cabinet ends all its sessions but the kept one, and no other cabinet’s', async () => {
      const [a, b, c] = [
        await sessions.issue('cab-3'),
        await sessions.issue('cab-3'),
        await sessions.issue('cab-3'),
      ]
      const other = await sessions.issue('cab-4')
      await sessions.revokeCabinet('cab-3', b!.token)
      expect(await sessions.resolve(a!.token)).toBeUndefined()
      expect(await sessions.resolve(b!.token)).toBe('cab-3')
      expect(await sessions.resolve(c!.token)).toBeUndefined()
      await sessions.revokeCabinet('cab-3')
      expect(await sessions.resolve(b!.token)).toBeUndefined()
      expect(await sessions.resolve(other.token)).toBe('cab-4')
    })

    it('purges expired sessions only', async () => {
      const old = await sessions.issue('cab-5')
      clock.advance(TTL * 1000)
      const fresh = await sessions.issue('cab-5')
      // Memory sweeps on issue, so it may already have forgotten `old`; SQL purges when told.
      expect(await sessions.purgeExpired(clock.now())).toBeGreaterThanOrEqual(0)
      expect(await sessions.purgeExpired(clock.now())).toBe(0)
      expect(await sessions.resolve(old.token)).toBeUndefined()
      expect(await sessions.resolve(fresh.token)).toBe('cab-5')
    })
  })

contract('memory', async (options) => ({
  sessions: createMemorySignInSessions(options),
  close: async () => {},
}))

contract('PGlite', async (options) => {
  const client = await openSqlDatabase({ kind: 'pglite' })
  return { sessions: await createSqlSignInSessions(client, options), close: () => client.close() }
})

const openPostgres = () => openSqlDatabase({ kind: 'postgres', connectionString: DATABASE_URL!, poolSize: 2 })

if (DATABASE_URL) {
  contract('PostgreSQL', async (options) => {
    const schema = freshSchemaName('signin')
    const client = await openPostgres()
    return {
      sessions: await createSqlSignInSessions(client, { ...options, schema }),
      close: async () => {
        await client.close()
        await dropSchema(schema)
      },
    }
  })

  describe('sign-in sessions shared by two processes on one PostgreSQL', () => {
    const schema = freshSchemaName('signin2')
    let clients: SqlClient[] = []
    afterAll(async () => {
      await Promise.all(clients.map((client) => client.close()))
      await dropSchema(schema)
    })

    it('a token issued by one resolves in the other, and a revoke by either is seen by both at once', async () => {
      clients = [await openPostgres(), await openPostgres()]
      const clock = createTestClock()
      const [one, two] = await Promise.all(
        clients.map((client) => createSqlSignInSessions(client, { secret, ttlSeconds: TTL, clock, schema })),
      )
      const issued = await one!.issue('cab-9')
      expect(await two!.resolve(issued.token)).toBe('cab-9')
      await two!.revoke(issued.token)
      expect(await one!.resolve(issued.token)).toBeUndefined()
      const again = await two!.issue('cab-9')
      await one!.revokeCabinet('cab-9')
      expect(await two!.resolve(again.token)).toBeUndefined()
    })
  })
} else describe.skip(skipWithoutDatabase, () => it('sign-in sessions', () => {}))
