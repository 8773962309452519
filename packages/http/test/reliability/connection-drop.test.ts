import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DATABASE_URL, skipWithoutDatabase } from '../support/app.js'
import { type Answer, type Client, client, expectStatus } from '../support/client.js'
import { AYNUR, pushPayment, RASHAD, register, signIn } from '../support/flows.js'
import {
  blockedBackend,
  type DrillApp,
  holdLock,
  killAppConnections,
  makeDrillApp,
  warmPool,
} from './pg-drill.js'

/**
 * Drill: PostgreSQL drops the app's connections while a money-moving request
 * is inside the database. Each drill parks the request on a lock held by
 * another connection (so it is provably mid-statement, at a chosen write),
 * then terminates every backend of the app — busy and idle — as a failover
 * or an operator's `pg_terminate_backend` would.
 */
describe.skipIf(!DATABASE_URL)(
  DATABASE_URL ? 'reliability: PostgreSQL connection dropped mid-request' : skipWithoutDatabase,
  () => {
    let drill: DrillApp
    let http: Client
    const rashad = { cabinetNumber: '', token: '' }
    const aynur = { cabinetNumber: '', token: '' }
    const balance = async (token: string) =>
      expectStatus(await http.get('/accounts/me', { token }), 200).json.balance as string

    /** Sends `request`, waits until it is blocked on the held lock, kills the app's connections, answers. */
    const dropConnectionsDuring = async (
      which: 'blocked' | 'all',
      lockSql: string,
      params: string[],
      request: () => Promise<Answer>,
    ): Promise<{ answer: Answer; killed: number }> => {
      await warmPool(drill)
      const lock = await holdLock(drill, lockSql, params)
      try {
        const answer = request()
        await blockedBackend(drill)
        const killed = await killAppConnections(drill, which)
        return { answer: await answer, killed }
      } finally {
        await lock.release()
      }
    }

    const until = async (check: () => boolean, what: string) => {
      for (let i = 0; i < 400 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5))
      if (!check()) throw new Error(`timed out waiting for ${what}`)
    }

    const expectCleanUnavailable = (answer: Answer) => {
      expect(answer.status).toBe(503)
      expect(answer.headers.get('content-type')).toBe('application/problem+json')
      expect(answer.headers.get('retry-after')).toBe('2')
      expect(answer.json).toMatchObject({ status: 503, code: 'http.unavailable' })
      // Nothing of the database leaks: no driver message, SQLSTATE, schema or table name.
      for (const internal of ['terminat', '57P01', drill.schema, 'streams', 'events', 'stack'])
        expect(answer.text).not.toContain(internal)
    }

    const expectAuditClean = async () => {
      const report = await drill.audit()
      // A check the source cannot feed (stored heads: a port-level source has none) is skipped, not failed.
      const failing = report.checks.filter((check) => !check.ok && check.skipped === undefined)
      expect(failing).toEqual([])
      return report.checks.find((check) => check.name === 'money')!.totals
    }

    const eventsOfType = async (type: string) =>
      (await drill.store.readAll()).filter((event) => event.type === type)

    beforeAll(async () => {
      drill = await makeDrillApp()
      http = client(drill.app)
      Object.assign(rashad, await register(http, RASHAD))
      Object.assign(aynur, await register(http, AYNUR))
      rashad.token = await signIn(http, rashad.cabinetNumber, RASHAD.password)
      aynur.token = await signIn(http, aynur.cabinetNumber, AYNUR.password)
      const code = await pushPayment(http, RASHAD.document.number, '100.00')
      const credited = await http.post('/accounts/me/credits', {
        token: rashad.token,
        body: { paymentCode: code },
      })
      expect(expectStatus(credited, 200).json.balance).toBe('100.00')
    })
    afterAll(async () => drill?.close())

    it('all connections killed under a credit: 503, nothing written, the process lives, the retry credits once', async () => {
      const code = await pushPayment(http, RASHAD.document.number, '50.00')
      const credit = () =>
        http.post('/accounts/me/credits', {
          token: rashad.token,
          headers: { 'idempotency-key': `drill-credit-${code}` },
          body: { paymentCode: code },
        })
      const { answer, killed } = await dropConnectionsDuring(
        'all',
        `select 1 from "${drill.schema}".streams where stream_id = $1 for update`,
        [`payment-${code}`],
        credit,
      )
      expect(killed).toBeGreaterThanOrEqual(2) // the blocked one and at least one idle one
      expectCleanUnavailable(answer)
      expect(drill.log.text()).toContain('request failed: store unavailable')
      // Idle connections died too; before pool.on('error') that was an uncaught exception ending the process.
      await until(() => drill.idleErrors.length > 0, 'the pool to notice its dead idle connections')
      expect((await eventsOfType('PaymentCredited')).map((event) => event.streamId)).not.toContain(
        `payment-${code}`,
      )

      // The client retries with the same key. Until the pool has let go of every dead connection an
      // attempt may still meet one (503 again); never a 500, never "still in progress" (409).
      const answers: number[] = []
      for (let attempt = 0; attempt < 5 && answers.at(-1) !== 200; attempt++)
        answers.push((await credit()).status)
      expect(answers.at(-1)).toBe(200)
      expect(answers.slice(0, -1).every((status) => status === 503)).toBe(true)
      const replay = await credit()
      expect(replay.headers.get('idempotent-replayed')).toBe('true')
      expect(replay.json.balance).toBe('150.00')
      expect(await balance(rashad.token)).toBe('150.00')
      const totals = await expectAuditClean()
      expect(totals).toMatchObject({ paymentsCredited: '150.00', topUpsInFlight: '0.00' })
    })

    it('a transfer killed while writing its first event answers 503, moves nothing, and its retry moves once', async () => {
      const key = 'drill-transfer-1'
      const send = () =>
        http.post('/accounts/me/transfers', {
          token: rashad.token,
          headers: { 'idempotency-key': key },
          body: { toCabinetNumber: aynur.cabinetNumber, amount: '30.00', password: RASHAD.password },
        })
      // SHARE on the events table lets every read through and parks the first append.
      const { answer } = await dropConnectionsDuring(
        'blocked',
        `lock table "${drill.schema}".events in share mode`,
        [],
        send,
      )
      expectCleanUnavailable(answer)
      expect(await eventsOfType('TransferRequested')).toEqual([])
      expect([await balance(rashad.token), await balance(aynur.token)]).toEqual(['150.00', '0.00'])
      await expectAuditClean()

      const retried = expectStatus(await send(), 201).json
      expect(retried).toMatchObject({ status: 'completed', balance: '120.00' })
      expect(await balance(aynur.token)).toBe('30.00')
      expect(await eventsOfType('TransferRequested')).toHaveLength(1)
      expect(await expectAuditClean()).toMatchObject({ transfersInFlight: '0.00' })
    })

    it('a transfer killed between debit and credit is answered as in flight, then settled once by the runner', async () => {
      const send = () =>
        http.post('/accounts/me/transfers', {
          token: rashad.token,
          body: { toCabinetNumber: aynur.cabinetNumber, amount: '20.00', password: RASHAD.password },
        })
      // Only the recipient's account is locked: the request gets as far as the debit, then waits.
      const { answer } = await dropConnectionsDuring(
        'blocked',
        `select 1 from "${drill.schema}".streams where stream_id = $1 for update`,
        [`wallet-${aynur.cabinetNumber}`],
        send,
      )
      // The money has left the sender and is recorded as in flight: an honest answer, not an error.
      expect(expectStatus(answer, 201).json).toMatchObject({ status: 'requested', balance: '100.00' })
      expect(await balance(aynur.token)).toBe('30.00')
      expect(await expectAuditClean()).toMatchObject({ transfersInFlight: '20.00' })

      // The process runner (here one settle pass; live it is `start()`) finishes it from the log.
      await drill.imtahan.settle()
      expect([await balance(rashad.token), await balance(aynur.token)]).toEqual(['100.00', '50.00'])
      expect(await expectAuditClean()).toMatchObject({ transfersInFlight: '0.00' })
      await drill.imtahan.settle()
      expect(await balance(aynur.token)).toBe('50.00')
      // Each of the two transfers credited exactly once, whoever (request or runner) got there.
      const credited = (await eventsOfType('TransferCredited')).map((event) => event.data.transferId)
      expect(credited).toHaveLength(2)
      expect(new Set(credited).size).toBe(2)
    })
  },
)
