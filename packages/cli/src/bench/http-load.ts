import { fork } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import {
  createLogger,
  createSqlCheckpointStore,
  createSqlEventStore,
  createSqlIdempotencyStore,
  type EventStore,
  openSqlDatabase,
} from '@imtahan/adapters'
import { dropPostgresSchema } from '@imtahan/adapters/postgres'
import { sessionStreamId } from '@imtahan/domain'
import { createApp } from '@imtahan/http'
import {
  type AcceptedAnswer,
  CLIENT_PROCESS_FLAG,
  fireAnswers,
  type LoadOutcome,
  type LoadPlan,
} from './http-load-client.js'

import { EXAM_ID, inParallel, SEED_WIDTH, seed, seedingFacade } from './http-load-seed.js'
export type AnswerLoadOptions = {
  /** A PostgreSQL server; a fresh schema is made in it and dropped afterwards. */
  readonly databaseUrl: string
  /** Measured time at most (default 10 s). */
  readonly seconds?: number
  /** Measured requests at most (default 20,000). */
  readonly maxRequests?: number
  /** Keep-alive connections, one request in flight on each (default 32). */
  readonly connections?: number
  /** Candidates answering (default 4 per connection). */
  readonly candidates?: number
  /** Requests sent first to warm up (JIT, caches), checked but not timed (default 500). */
  readonly warmupRequests?: number
  /**
   * Where the load client runs: a child process (default) has its own event
   * loop and its CPU is not counted as the server's; it still competes with
   * the server and PostgreSQL for the machine's cores, as any client on the
   * same machine would. `inline` runs it on the server's own thread (tests).
   */
  readonly client?: 'process' | 'inline'
  readonly progress?: (line: string) => void
}

export type AnswerLoadResult = {
  /** Measured requests sent and answered (any status). */
  readonly requests: number
  /** Requests answered 2xx, warm-up included (every one of them is checked against the store). */
  readonly accepted: number
  /** Answered otherwise (4xx/5xx or a failed connection), warm-up included. */
  readonly refused: number
  readonly statuses: Readonly<Record<string, number>>
  readonly seconds: number
  readonly perSecond: number
  readonly p50Ms: number
  readonly p99Ms: number
  readonly maxMs: number
  /** Accepted answers not found in their session stream: must be 0. */
  readonly lost: number
  /**
   * CPU time (user + system) of the server process per measured answer, in
   * ms: steadier than the rate on a shared machine, where the rate moves with
   * whatever else runs. PostgreSQL's own CPU is not included.
   */
  readonly serverCpuMsPerAnswer: number
  readonly candidates: number
  readonly connections: number
}

/** The target of the issue: ≥ 1,000 answers/s with p99 ≤ 100 ms and nothing lost. */
export const ANSWER_LOAD_TARGET = { perSecond: 1_000, p99Ms: 100 } as const

export const meetsAnswerLoadTarget = (result: AnswerLoadResult): boolean =>
  result.perSecond >= ANSWER_LOAD_TARGET.perSecond &&
  result.p99Ms <= ANSWER_LOAD_TARGET.p99Ms &&
  result.lost === 0 &&
  result.refused === 0

/** Runs the load client in a child process of its own (see `client` in AnswerLoadOptions). */
export const inChildProcess = (plan: LoadPlan): Promise<LoadOutcome> =>
  new Promise((resolve, reject) => {
    const child = fork(new URL('./http-load-client.js', import.meta.url), [], {
      env: { ...process.env, [CLIENT_PROCESS_FLAG]: '1' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    let answered = false
    child.once('message', (message: { ok: true; outcome: LoadOutcome } | { ok: false; error: string }) => {
      answered = true
      if (message.ok) resolve(message.outcome)
      else reject(new Error(`load client: ${message.error}`))
    })
    child.once('error', reject)
    child.once('exit', (code) => {
      if (!answered) reject(new Error(`load client stopped (exit ${code}) before answering`))
    })
    child.send(plan)
  })

/**
 * How many of one candidate's accepted answers are missing from its stored
 * answers. Its requests were sequential, so they must appear in the order
 * sent; an answer stored but not accepted (a request that failed after the
 * write) is allowed and skipped.
 */
export const missingAnswers = (
  stored: readonly { readonly taskId: string; readonly answer: string }[],
  accepted: readonly AcceptedAnswer[],
): number => {
  let found = 0
  for (const event of stored) {
    const next = accepted[found]
    if (next !== undefined && event.taskId === next[1] && event.answer === next[2]) found++
  }
  return accepted.length - found
}

/** Accepted answers missing from their session streams (`TaskAnswered` events). */
export const countLost = async (
  store: EventStore,
  sessionIds: readonly string[],
  accepted: readonly AcceptedAnswer[],
): Promise<number> => {
  const byCandidate = sessionIds.map((): AcceptedAnswer[] => [])
  for (const answer of accepted) byCandidate[answer[0]]!.push(answer)
  const lost = await inParallel(
    sessionIds.map((sessionId, index) => ({ sessionId, wanted: byCandidate[index]! })),
    SEED_WIDTH,
    async ({ sessionId, wanted }) => {
      const stored = (await store.readStream(sessionStreamId(sessionId)))
        .filter((event) => event.type === 'TaskAnswered')
        .map((event) => event.data as { taskId: string; answer: string })
      return missingAnswers(stored, wanted)
    },
  )
  return lost.reduce((sum, n) => sum + n, 0)
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!
const round = (value: number) => Math.round(value * 10) / 10

/**
 * The HTTP load test of answer submission (EXM-15) on PostgreSQL: a fresh
 * schema, the real app (`createApp` on `@hono/node-server`, the store, the
 * idempotency and checkpoint tables and the background runners as `imtahan
 * serve` wires them, but with a test clock five minutes into the exam), a
 * sitting with candidates seeded through the facade, then `PUT
 * /me/exams/{examId}/answers/{taskId}` from many keep-alive connections on
 * loopback, bounded by time and count. Afterwards every 2xx answer is looked
 * up in its session stream, and the schema is dropped.
 */
export const benchAnswerLoad = async (options: AnswerLoadOptions): Promise<AnswerLoadResult> => {
  const say = options.progress ?? (() => {})
  const connections = options.connections ?? 32
  const count = options.candidates ?? connections * 4
  const schema = `bench_http_${randomUUID().replace(/-/g, '').slice(0, 12)}`
  const client = await openSqlDatabase({ kind: 'postgres', connectionString: options.databaseUrl })
  let closeServer = async () => {}
  let stopApp = async () => {}
  try {
    const store = await createSqlEventStore('postgres', client, { schema })
    const idempotency = await createSqlIdempotencyStore(client, { schema })
    const checkpoints = await createSqlCheckpointStore(client, schema)
    // The server logs one line per request as `imtahan serve` does; the lines go nowhere.
    const logger = createLogger({ level: 'info' }, { write: () => {} })
    const { imtahan, clock, sms } = seedingFacade(store, checkpoints, logger)
    const http = createApp({
      imtahan,
      clock,
      logger,
      idempotency,
      secret: randomBytes(32),
      apiKeys: {},
      sessionTtlSeconds: 24 * 3600,
    })
    await imtahan.start()
    stopApp = () => imtahan.stop()

    say(`seeding a sitting and ${count} candidates through the facade…`)
    const seeded = await seed(imtahan, sms, clock, count)
    const sessionIds = seeded.cabinets.map((cabinetId) => `${EXAM_ID}.${cabinetId}`)
    const candidates = await Promise.all(
      seeded.cabinets.map(async (cabinetId) => ({
        token: (await http.sessions.issue(cabinetId)).token,
        tasks: seeded.tasks,
      })),
    )

    const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      const listening = serve({ fetch: http.app.fetch, port: 0, hostname: '127.0.0.1' }, () =>
        resolve(listening),
      )
      listening.once('error', reject)
    })
    closeServer = () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        if ('closeAllConnections' in server) server.closeAllConnections()
      })
    const { port } = server.address() as AddressInfo
    const plan: LoadPlan = {
      urls: [`http://127.0.0.1:${port}`],
      examId: EXAM_ID,
      candidates,
      connections,
      seconds: options.seconds ?? 10,
      maxRequests: options.maxRequests ?? 20_000,
      warmupRequests: options.warmupRequests ?? 500,
    }
    say(
      `firing up to ${plan.maxRequests} answers for ${plan.seconds} s over ${connections} connections (${options.client ?? 'process'} client)…`,
    )
    const cpuBefore = process.cpuUsage()
    const outcome = options.client === 'inline' ? await fireAnswers(plan) : await inChildProcess(plan)
    const cpu = process.cpuUsage(cpuBefore)
    await closeServer()
    closeServer = async () => {}

    say(`checking ${outcome.accepted.length} accepted answers against the store…`)
    const lost = await countLost(store, sessionIds, outcome.accepted)
    const answered = Object.values(outcome.statuses).reduce((sum, n) => sum + n, 0)
    return {
      requests: outcome.requests,
      accepted: outcome.accepted.length,
      refused: answered - outcome.accepted.length,
      statuses: outcome.statuses,
      seconds: Math.round(outcome.seconds * 100) / 100,
      perSecond: Math.round(outcome.requests / outcome.seconds),
      p50Ms: round(percentile(outcome.latencies, 0.5)),
      p99Ms: round(percentile(outcome.latencies, 0.99)),
      maxMs: round(outcome.latencies.at(-1) ?? 0),
      lost,
      // Warm-up included in the CPU, so divide by everything the server answered.
      serverCpuMsPerAnswer: Math.round((cpu.user + cpu.system) / 10 / Math.max(1, answered)) / 100,
      candidates: count,
      connections: Math.min(connections, count),
    }
  } finally {
    await closeServer()
    await stopApp()
    await client.close()
    await dropPostgresSchema(options.databaseUrl, schema)
  }
}
