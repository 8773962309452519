import { openSqlDatabase, openSqlEventLog, runAudit, type SqlClient, sqlAuditSource } from '@imtahan/adapters'
import { dropPostgresSchema } from '@imtahan/adapters/postgres'
import { afterAll, describe, expect, it } from 'vitest'
import { type Answering, answering, answerNext, checkAnswers } from './answers.js'
import { viewsAgainstRebuild, waitForNoLag } from './converge.js'
import { call, requestsSent } from './http.js'
import { type Acknowledged, fund, join, joinSurely, type Member, transfer } from './load.js'
import {
  built,
  DATABASE_URL,
  newCluster,
  type Served,
  serveProcess,
  skipWhy,
  stopProcess,
} from './processes.js'
import { clockIsPast, seatMembersAtExamStart } from './sitting.js'

const LOAD_MS = 15_000
const WORKERS = 6
const MEMBERS = 6
/** Between one member's answers: ~10/s each at most. */
const ANSWER_PACE_MS = 100

const alive = (served: Served) => served.child.exitCode === null && served.child.signalCode === null

/**
 * Three `imtahan serve` processes on one PostgreSQL behind a round-robin
 * client, under a mixed load of registrations, credits, transfers and answer
 * submissions, while one is killed (SIGKILL) and another restarted. The
 * members sit an exam set up over HTTP; the dev clock, moved through one
 * process, is every process's (it lives in the database). Bounded: ~15 s of
 * load, a few hundred requests.
 */
const suite = DATABASE_URL && built ? describe : describe.skip
suite('three serve processes, one killed and one restarted under load', () => {
  const cluster = newCluster()
  const processes: Served[] = []
  let sql: SqlClient | undefined
  afterAll(async () => {
    await Promise.all(processes.map((served) => stopProcess(served, 'SIGKILL')))
    await sql?.close()
    await dropPostgresSchema(DATABASE_URL!, cluster.schema)
  })

  it('loses no acknowledged write or answer, doubles no money, keeps every token and converges', async () => {
    processes.push(...(await Promise.all([0, 1, 2].map(() => serveProcess(cluster)))))
    sql = await openSqlDatabase({ kind: 'postgres', connectionString: DATABASE_URL!, poolSize: 2 })
    let turn = 0
    const urls = () => processes.filter(alive).map((served) => served.url)
    const next = () => {
      const live = urls()
      turn += 1
      return live[turn % live.length]!
    }
    const acknowledged: Acknowledged = { cabinets: [], credits: [], transfers: [] }

    // Members first, each funded: their tokens are the ones that must survive.
    const members = (
      await Promise.all(Array.from({ length: MEMBERS }, (_, i) => joinSurely(next, 7100 + i, acknowledged)))
    ).filter((member): member is Member => member !== undefined)
    expect(members).toHaveLength(MEMBERS)
    for (const member of members) {
      const code = await fund(urls, member, '50.00')
      expect(code).toBeDefined()
      acknowledged.credits.push(code!)
    }
    // The members register for a sitting, are admitted and seated; the shared clock ends 5 minutes into it.
    const { startsAt } = await seatMembersAtExamStart(next, members)
    const answerings = members.map(answering)
    const tokensBefore = members.map((member) => member.token)

    // Leases: at most one live holder per name at every sample (advisory locks joined with lease_holders).
    const leaseSamples: number[] = []
    const sampler = setInterval(() => {
      sql
        ?.query<{ most: string | null }>(
          `select max(n)::text as most from (select h.name, count(*) as n from "${cluster.schema}".lease_holders h
           join pg_locks l on l.pid = h.backend_pid and l.locktype = 'advisory' and l.granted group by h.name) s`,
        )
        .then(
          ([row]) => leaseSamples.push(Number(row?.most ?? 0)),
          () => {},
        )
    }, 500)

    const started = Date.now()
    let requests = 0
    let newcomer = 7200
    const worker = async (w: number) => {
      for (let round = 0; Date.now() - started < LOAD_MS; round++) {
        requests += 1
        const pick = (round + w) % 5
        if (pick === 0) await join(next(), newcomer++, acknowledged)
        else if (pick === 1) {
          const code = await fund(urls, members[(round + w) % members.length]!, '3.00')
          if (code !== undefined) acknowledged.credits.push(code)
        } else {
          const from = members[(round * 7 + w) % members.length]!
          const to = members[(round * 7 + w + 1) % members.length]!
          const id = await transfer(urls, from, to, `t-${w}-${round}-${cluster.schema}`)
          if (id !== undefined) acknowledged.transfers.push(id)
        }
      }
    }
    // One answerer per member, beside the workers: one answer at a time, so the order sent is the order recorded;
    // paced, so that on two busy cores the answers do not starve the money moves of the other workers.
    const answerer = async (state: Answering) => {
      while (Date.now() - started < LOAD_MS) {
        requests += 1
        await answerNext(urls, state)
        await new Promise((resolve) => setTimeout(resolve, ANSWER_PACE_MS))
      }
    }
    const chaos = (async () => {
      await new Promise((resolve) => setTimeout(resolve, LOAD_MS / 3))
      await stopProcess(processes[1]!, 'SIGKILL')
      await new Promise((resolve) => setTimeout(resolve, LOAD_MS / 6))
      await stopProcess(processes[2]!, 'SIGTERM')
      processes.push(await serveProcess(cluster))
    })()
    await Promise.all([
      ...Array.from({ length: WORKERS }, (_, w) => worker(w)),
      ...answerings.map(answerer),
      chaos,
    ])
    clearInterval(sampler)

    // No acknowledged write lost: each is a stream in the log.
    const streams = new Set(
      (
        await sql.query<{ stream_id: string }>(`select distinct stream_id from "${cluster.schema}".events`)
      ).map((row) => row.stream_id),
    )
    for (const id of acknowledged.cabinets) expect(streams, `cabinet ${id}`).toContain(`cabinet-${id}`)
    for (const code of acknowledged.credits) expect(streams, `payment ${code}`).toContain(`payment-${code}`)
    for (const id of acknowledged.transfers) expect(streams, `transfer ${id}`).toContain(`transfer-${id}`)
    expect(acknowledged.transfers.length).toBeGreaterThan(10)
    // EXM-15: every acknowledged answer is in its session's stream, and the last one per task is recorded.
    for (const state of answerings) {
      const answers = await checkAnswers(sql, cluster.schema, state)
      expect(answers.missing, `answers of ${state.member.cabinetNumber}`).toBe(0)
      expect(answers.lastDiffer, `last answers of ${state.member.cabinetNumber}`).toEqual([])
    }
    const answered = answerings.reduce((sum, state) => sum + state.acknowledged.length, 0)
    expect(answered, JSON.stringify(answerings.map((state) => state.refused))).toBeGreaterThan(30)

    // WAL-6 from the events: the auditor's checks (money, hash chains, …) over the whole log.
    const report = await runAudit(sqlAuditSource(await openSqlEventLog(sql, cluster.schema), 'cluster'))
    const failed = report.checks.filter((check) => !check.ok && check.skipped === undefined)
    expect(failed.map((check) => [check.name, check.findings.slice(0, 3)])).toEqual([])
    expect(report.checks.map((check) => check.name)).toContain('money')

    // Exactly one holder per lease at every sample: the leases are held (1), never twice (2).
    expect(leaseSamples.length).toBeGreaterThan(10)
    expect(Math.max(0, ...leaseSamples)).toBe(1)

    // A fresh process rebuilds from the log; every process must converge to it, and take every old token.
    processes.push(await serveProcess(cluster))
    const survivors = processes.filter(alive)
    expect(survivors).toHaveLength(3)
    const statementOf = async (url: string, member: Member) =>
      (await call(url, 'GET', '/accounts/me', { token: member.token })).json?.balance as string | undefined
    const deadline = Date.now() + 15_000
    for (const member of members) {
      for (;;) {
        const balances = await Promise.all(survivors.map((served) => statementOf(served.url, member)))
        if (new Set(balances).size === 1 && balances[0] !== undefined) break
        if (Date.now() > deadline) expect(balances, `${member.cabinetNumber} converges`).toEqual([])
        await new Promise((resolve) => setTimeout(resolve, 250))
      }
    }
    // Every persisted view, once caught up, is what a rebuild from the log gives.
    const lags = await waitForNoLag(survivors[0]!.url, 20_000)
    expect(
      Object.values(lags).every((lag) => lag === 0),
      JSON.stringify(lags),
    ).toBe(true)
    const views = await viewsAgainstRebuild(sql, cluster.schema)
    expect(views.differ).toEqual([])
    expect(views.compared).toBeGreaterThan(0)
    // One clock: every process, the restarted and the fresh one too, is past the exam's start.
    for (const served of survivors) expect(await clockIsPast(served.url, startsAt), served.url).toBe(true)
    for (const served of survivors)
      for (const token of tokensBefore)
        expect((await call(served.url, 'GET', '/cabinets/me', { token })).status).toBe(200)
    console.info(
      `cluster: ${requests} operations (${requestsSent.requests} HTTP requests in all) in ${LOAD_MS / 1000} s; acknowledged ${acknowledged.cabinets.length} cabinets, ` +
        `${acknowledged.credits.length} credits, ${acknowledged.transfers.length} transfers, ${answered} answers; ${leaseSamples.length} lease samples, ${views.compared} view documents compared`,
    )
  }, 90_000)
})

if (!(DATABASE_URL && built)) describe.skip(skipWhy, () => it('three processes under load', () => {}))
