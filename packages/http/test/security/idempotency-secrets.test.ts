import { createHash, randomInt, randomUUID } from 'node:crypto'
import {
  createSqlIdempotencyStore,
  openSqlDatabase,
  REQUEST_HASH_SCHEME,
  type SqlClient,
} from '@imtahan/adapters'
import { dropPostgresSchema } from '@imtahan/adapters/postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DATABASE_URL, makeHttp } from '../support/app.js'
import { client } from '../support/client.js'
import { AYNUR, RASHAD, register, signIn } from '../support/flows.js'

type Row = { scope: string; key: string; request_hash: string; outcome: string | null }

const openDatabase = async (kind: 'pglite' | 'postgres') => {
  if (kind === 'pglite') {
    const sql = await openSqlDatabase({ kind: 'pglite' })
    return { sql, schema: 'imtahan', close: () => sql.close() }
  }
  const schema = `test_idem_${randomUUID().replace(/-/g, '').slice(0, 12)}`
  const sql = await openSqlDatabase({ kind: 'postgres', connectionString: DATABASE_URL ?? '', poolSize: 2 })
  return {
    sql,
    schema,
    close: async () => {
      await sql.close()
      await dropPostgresSchema(DATABASE_URL ?? '', schema)
    },
  }
}

const rowsOf = (sql: SqlClient, schema: string) =>
  sql.query<Row>(
    `select scope, key, request_hash, outcome::text as outcome from "${schema}".idempotency_keys`,
  )

/** What the old middleware stored: an unsalted SHA-256 over method, path, principal and body. */
const oldHash = (principal: string, body: string) =>
  createHash('sha256')
    .update(JSON.stringify(['POST', '/accounts/me/transfers', principal, body]))
    .digest('hex')

const secretsInIdempotencyRecords = (kind: 'pglite' | 'postgres') =>
  describe(`security: passwords recoverable from stored idempotency records (${kind})`, () => {
    let db: Awaited<ReturnType<typeof openDatabase>>
    beforeAll(async () => {
      db = await openDatabase(kind)
    }, 60_000)
    afterAll(() => db?.close())
    it('passwords recoverable from idempotency records: 100,001 candidates recover nothing; a replay still works', async () => {
      const app = await makeHttp('memory', {
        idempotency: await createSqlIdempotencyStore(db.sql, { schema: db.schema }),
      })
      try {
        const http = client(app.app)
        const rashad = await register(http, RASHAD)
        const aynur = await register(http, AYNUR)
        const token = await signIn(http, rashad.cabinetNumber, RASHAD.password)
        const body = JSON.stringify({
          toCabinetNumber: aynur.cabinetNumber,
          amount: '5.00',
          password: RASHAD.password,
        })
        const key = randomUUID()
        const first = await http.post('/accounts/me/transfers', {
          token,
          raw: body,
          headers: { 'idempotency-key': key },
        })
        expect(first.status).toBeLessThan(500)

        const [row] = (await rowsOf(db.sql, db.schema)).filter((r) => r.key === key)
        if (row === undefined) throw new Error('no idempotency row stored')
        expect(row.request_hash.startsWith(REQUEST_HASH_SCHEME)).toBe(true)
        expect(`${row.request_hash}${row.outcome}`).not.toContain(RASHAD.password)

        // The attack: 100,001 candidate passwords, the real one among them, tried against the stored hash.
        const candidates = Array.from({ length: 100_000 }, (_, i) => `Cand${i}x2026`)
        candidates.splice(randomInt(candidates.length), 0, RASHAD.password)
        const stored = row.request_hash.slice(REQUEST_HASH_SCHEME.length)
        const recovered = candidates.filter((candidate) => {
          const guess = JSON.stringify({
            toCabinetNumber: aynur.cabinetNumber,
            amount: '5.00',
            password: candidate,
          })
          return oldHash(row.scope, guess) === stored || oldHash(row.scope, guess) === row.request_hash
        })
        expect(recovered).toEqual([])

        // The hash does not depend on the password at all: another password, another key, the same hash.
        const otherKey = randomUUID()
        await http.post('/accounts/me/transfers', {
          token,
          body: { toCabinetNumber: aynur.cabinetNumber, amount: '5.00', password: 'Another2026pw' },
          headers: { 'idempotency-key': otherKey },
        })
        const other = (await rowsOf(db.sql, db.schema)).find((r) => r.key === otherKey)
        expect(other?.request_hash).toBe(row.request_hash)

        // A replay: same key, same body → the first answer, marked.
        const again = await http.post('/accounts/me/transfers', {
          token,
          raw: body,
          headers: { 'idempotency-key': key },
        })
        expect(again.status).toBe(first.status)
        expect(again.text).toBe(first.text)
        expect(again.headers.get('idempotent-replayed')).toBe('true')
        // Another body with the key is still refused.
        const reused = await http.post('/accounts/me/transfers', {
          token,
          body: { toCabinetNumber: aynur.cabinetNumber, amount: '6.00', password: RASHAD.password },
          headers: { 'idempotency-key': key },
        })
        expect(reused.json.code).toBe('idempotency.key_reused')

        // An answer that quotes a secret (an edge 400 echoing a wrongly typed password) is not stored.
        const echoKey = randomUUID()
        const echoed = await http.post('/accounts/me/transfers', {
          token,
          body: { toCabinetNumber: aynur.cabinetNumber, amount: '5.00', password: [RASHAD.password] },
          headers: { 'idempotency-key': echoKey },
        })
        expect(echoed.status).toBe(400)
        const all = await rowsOf(db.sql, db.schema)
        expect(all.find((r) => r.key === echoKey)).toBeUndefined()
        for (const r of all) expect(`${r.request_hash}${r.outcome}`).not.toContain(RASHAD.password)
      } finally {
        await app.close()
      }
    }, 60_000)

    it('passwords recoverable from idempotency records: rows of the old unkeyed hash are deleted when the store opens', async () => {
      {
        await createSqlIdempotencyStore(db.sql, { schema: db.schema })
        const insert = `insert into "${db.schema}".idempotency_keys (scope, key, request_hash, outcome, created_at, updated_at)
          values ($1, $2, $3, '{"status":201,"headers":{},"body":"{}"}'::jsonb, now(), now())`
        const legacy = oldHash('cabinet:c1', JSON.stringify({ password: 'Kitab2026yay' }))
        await db.sql.query(insert, ['cabinet:c1', 'old', legacy])
        await db.sql.query(insert, ['cabinet:c1', 'new', `${REQUEST_HASH_SCHEME}abc`])
        await createSqlIdempotencyStore(db.sql, { schema: db.schema })
        const keys = (await rowsOf(db.sql, db.schema)).map((r) => r.key)
        expect(keys).toContain('new')
        expect(keys).not.toContain('old')
      }
    })
  })

secretsInIdempotencyRecords('pglite')
describe.skipIf(!DATABASE_URL)('PostgreSQL', () => {
  secretsInIdempotencyRecords('postgres')
})
