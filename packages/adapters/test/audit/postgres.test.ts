import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type AuditReport, openSqlEventLog, runAudit, sqlAuditSource } from '../../src/audit/index.js'
import { hashEvent } from '../../src/store/hash-chain.js'
import type { RecordedEvent } from '../../src/store/port.js'
import { poolSqlClient } from '../../src/store/postgres/client.js'
import { createPostgresEventStore } from '../../src/store/postgres/index.js'
import { DATABASE_URL, dropSchema, freshSchemaName, skipWithoutDatabase } from '../store/pg-support.js'
import { buildHistory, HISTORY_TOTALS } from './history.js'

const original = freshSchemaName('audit')
const copies: string[] = []

const findingsOf = (report: AuditReport, check: string) =>
  report.checks.find((c) => c.name === check)!.findings

describe.skipIf(!DATABASE_URL)(
  DATABASE_URL ? 'audit on PostgreSQL, tampered behind the product’s back' : skipWithoutDatabase,
  () => {
    const intruder = new pg.Pool({ connectionString: DATABASE_URL, max: 2 })
    const sql = (text: string, params: unknown[] = []) => intruder.query(text, params)
    let wallet = ''

    beforeAll(async () => {
      const store = await createPostgresEventStore({
        connectionString: DATABASE_URL!,
        schema: original,
        poolSize: 4,
      })
      const history = await buildHistory(store, 800)
      wallet = `wallet-${history.cabinets.ali.cabinetNumber}`
      await store.close()
    })
    afterAll(async () => {
      await intruder.end()
      for (const schema of [original, ...copies]) await dropSchema(schema)
    })

    /** A pristine copy of the history in a schema of its own, so each test tampers with its own log. */
    const copy = async () => {
      const schema = freshSchemaName('audit_copy')
      copies.push(schema)
      await sql(`create schema ${schema}`)
      for (const table of ['streams', 'events']) {
        await sql(`create table ${schema}.${table} (like ${original}.${table} including all)`)
        await sql(`insert into ${schema}.${table} select * from ${original}.${table}`)
      }
      return schema
    }

    const audit = async (schema: string) =>
      runAudit(
        sqlAuditSource(await openSqlEventLog(poolSqlClient(intruder, false), schema), `PostgreSQL ${schema}`),
      )

    const eventAt = async (schema: string, streamId: string, revision: number): Promise<RecordedEvent> => {
      const log = await openSqlEventLog(poolSqlClient(intruder, false), schema)
      const [event] = await log.readStream(streamId, { fromRevision: BigInt(revision), maxCount: 1 })
      return event!
    }

    /** An event a careful forger adds at the end of a stream: correctly hashed and linked to the last one. */
    const forgeAfter = (last: RecordedEvent, type: string, data: Record<string, unknown>) => {
      const fields = {
        streamId: last.streamId,
        revision: last.revision + 1n,
        id: randomUUID(),
        type,
        data,
        recordedAt: last.metadata.recordedAt,
        previousHash: last.metadata.hash,
      }
      return {
        ...fields,
        metadata: {
          recordedAt: fields.recordedAt,
          previousHash: fields.previousHash,
          hash: hashEvent(fields),
        },
      }
    }
    const insert = (schema: string, event: ReturnType<typeof forgeAfter>) =>
      sql(
        `insert into ${schema}.events (stream_id, revision, event_id, type, data, metadata) values ($1, $2, $3, $4, $5, $6)`,
        [event.streamId, event.revision.toString(), event.id, event.type, event.data, event.metadata],
      )

    /** Changes one event's data and re-hashes it and every later event of its stream, moving the stored head too. */
    const rewrite = async (
      schema: string,
      streamId: string,
      revision: number,
      data: Record<string, unknown>,
    ) => {
      const log = await openSqlEventLog(poolSqlClient(intruder, false), schema)
      let previousHash = (await eventAt(schema, streamId, revision)).metadata.previousHash
      for (const event of await log.readStream(streamId, { fromRevision: BigInt(revision) })) {
        const fields = {
          ...event.metadata,
          ...event,
          previousHash,
          data: event.revision === BigInt(revision) ? data : event.data,
        }
        const metadata = { ...event.metadata, previousHash, hash: hashEvent(fields) }
        await sql(
          `update ${schema}.events set data = $3, metadata = $4 where stream_id = $1 and revision = $2`,
          [streamId, event.revision.toString(), fields.data, metadata],
        )
        await sql(`update ${schema}.streams set last_hash = $2 where stream_id = $1`, [
          streamId,
          metadata.hash,
        ])
        previousHash = metadata.hash
      }
    }

    it('WAL-6/PAY-4: the untouched history audits ok, stream heads included, with the money totals', async () => {
      const report = await audit(original)
      expect(report.checks.filter((c) => !c.ok)).toEqual([])
      expect(report.ok).toBe(true)
      expect(report.checks.find((c) => c.name === 'money')!.totals).toMatchObject(HISTORY_TOTALS)
    })

    it('an UPDATE of an event’s data is named with its stream and revision', async () => {
      const schema = await copy()
      await sql(
        `update ${schema}.events set data = jsonb_set(data, '{amount}', '"500.00"') where stream_id = $1 and revision = 1`,
        [wallet],
      )
      const report = await audit(schema)
      expect(report.ok).toBe(false)
      expect(findingsOf(report, 'hash-chain')).toMatchObject([
        { problem: 'changed', streamId: wallet, revision: '1' },
      ])
      expect(findingsOf(report, 'money')).toContainEqual(
        expect.objectContaining({ rule: 'WAL-6', streamId: wallet }),
      )
    })

    it('a DELETE of an event in the middle of a stream is named; of the last one too, by the stored head', async () => {
      const schema = await copy()
      await sql(`delete from ${schema}.events where stream_id = $1 and revision in (1, 3)`, [wallet])
      const report = await audit(schema)
      expect(findingsOf(report, 'hash-chain')).toMatchObject([
        { problem: 'missing', streamId: wallet, revision: '1' },
      ])
      expect(findingsOf(report, 'stream-heads')).toMatchObject([
        { problem: 'missing-tail', streamId: wallet, revision: '3' },
      ])
    })

    it('a forged event is named: a clumsy one by the chain, a well-hashed one by the stored head and by the money', async () => {
      const schema = await copy()
      const last = await eventAt(schema, wallet, 3)
      const forged = forgeAfter(last, 'TopUpCredited', {
        walletId: last.data.walletId,
        amount: '1000.00',
        balance: '1010.00',
        at: '2026-06-01T09:00:00.000Z',
        paymentCode: 'FORGED-1',
      })
      await insert(schema, forged)
      const clumsy = {
        ...forgeAfter(forged as unknown as RecordedEvent, 'TopUpCredited', forged.data),
        metadata: { ...forged.metadata, hash: 'f'.repeat(64) },
      }
      await insert(schema, clumsy)
      const report = await audit(schema)
      expect(findingsOf(report, 'hash-chain')).toMatchObject([
        { problem: 'changed', streamId: wallet, revision: '5' },
      ])
      expect(findingsOf(report, 'stream-heads')).toMatchObject([
        { problem: 'beyond-head', streamId: wallet, revision: '4' },
      ])
      expect(findingsOf(report, 'money')).toContainEqual(
        expect.objectContaining({
          rule: 'PAY-4',
          streamId: wallet,
          message: expect.stringContaining('FORGED-1'),
        }),
      )
    })

    it('malformed events are reported: data the codec rejects, and an unknown type in a known category', async () => {
      const schema = await copy()
      // An insider bug rather than tampering: the chain is rewritten to match, so only the codec notices.
      const fee = await eventAt(schema, wallet, 2)
      await rewrite(schema, wallet, 2, { ...fee.data, purpose: '' })
      const frozen = forgeAfter(await eventAt(schema, wallet, 3), 'WalletFrozen', {
        walletId: fee.data.walletId,
      })
      await insert(schema, frozen)
      await sql(`update ${schema}.streams set revision = 4, last_hash = $2 where stream_id = $1`, [
        wallet,
        frozen.metadata.hash,
      ])
      const report = await audit(schema)
      expect(findingsOf(report, 'decode')).toMatchObject([
        {
          problem: 'undecodable',
          streamId: wallet,
          revision: '2',
          message: expect.stringContaining('purpose'),
        },
        { problem: 'unknown-type', streamId: wallet, revision: '4' },
      ])
      expect(findingsOf(report, 'hash-chain')).toEqual([])
      expect(findingsOf(report, 'stream-heads')).toEqual([])
    })
  },
)
