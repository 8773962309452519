import { randomBytes, randomUUID } from 'node:crypto'
import {
  createLogger,
  createSqlCheckpointStore,
  createSqlEventStore,
  openSqlDatabase,
} from '@imtahan/adapters'
import { dropPostgresSchema } from '@imtahan/adapters/postgres'
import { countLost, inChildProcess } from './http-load.js'
import { type AcceptedAnswer, fireAnswers, type LoadOutcome, type LoadPlan } from './http-load-client.js'
import { EXAM_ID, inParallel, SEED_WIDTH, seed, seededLogin, seedingFacade } from './http-load-seed.js'
import { type ServeChild, startServeProcess } from './http-load-serve.js'
import type { BenchRow } from './table.js'

export type AnswerScaleOptions = {
  readonly databaseUrl: string
  /** Rounds per side (default 3): one process, two processes, alternating (ABBA), so drift hits both. */
  readonly rounds?: number
  /** Measured seconds per round (default 5). */
  readonly seconds?: number
  readonly connections?: number
  readonly candidates?: number
  /** Requests per round sent first, checked but not timed (default 200). */
  readonly warmupRequests?: number
  /** Requests of the unmeasured round on both processes before the first measured one (default 2,000). */
  readonly warmupRoundRequests?: number
  /** The load client in a child process (default) or on this thread (tests; see AnswerLoadOptions). */
  readonly client?: 'process' | 'inline'
  readonly progress?: (line: string) => void
}

export type ScaleSide = { readonly answers: number; readonly seconds: number; readonly perSecond: number }

export type AnswerScaleResult = {
  readonly one: ScaleSide
  readonly two: ScaleSide
  /** Answers/s of two processes over one. */
  readonly ratio: number
  /** Rates of each round, in the order run: [processes, answers/s]. */
  readonly rounds: readonly (readonly [number, number])[]
  readonly accepted: number
  readonly refused: number
  /** Accepted answers missing from their session streams: must be 0. */
  readonly lost: number
  /**
   * Of the two-process rounds' requests, the share sent to the other process
   * than the candidate's request before: each of those finds the session
   * cached there one answer behind (the case the no-collapse target is about).
   */
  readonly switchedShare: number
  /**
   * Refused writes over the whole run, both processes (each server's
   * `imtahan_event_store_append_conflicts_total`): a cached session that was
   * stale when an answer came, i.e. what the cache follower did not catch.
   */
  readonly conflicts: number
  readonly connections: number
  readonly candidates: number
}

/** No collapse: two processes on one PostgreSQL answer at least 0.9× of one, and nothing is lost. */
export const SCALE_TARGET = { ratio: 0.9 } as const

export const meetsScaleTarget = (result: AnswerScaleResult) =>
  result.ratio >= SCALE_TARGET.ratio && result.lost === 0 && result.refused === 0

/** A server's refused writes so far, from its Prometheus text. */
const conflictsOf = async (url: string): Promise<number> => {
  const text = await (await fetch(`${url}/metrics`)).text()
  const line = text.split('\n').find((l) => l.startsWith('imtahan_event_store_append_conflicts_total '))
  const count = Number(line?.split(' ')[1])
  if (!Number.isInteger(count)) throw new Error(`${url}/metrics has no append conflicts count`)
  return count
}

const sideOf = (rounds: readonly { requests: number; seconds: number }[]): ScaleSide => {
  const answers = rounds.reduce((sum, round) => sum + round.requests, 0)
  const seconds = rounds.reduce((sum, round) => sum + round.seconds, 0)
  return { answers, seconds: Math.round(seconds * 100) / 100, perSecond: Math.round(answers / seconds) }
}

/**
 * Answer submission (EXM-15) against one `imtahan serve` process and against
 * two on the same PostgreSQL schema, in the same run: a sitting seeded through
 * the facade so that it started five minutes ago by the real clock, both
 * processes started (production mode), the candidates signed in over HTTP,
 * then rounds of the answer load alternating one process / two processes
 * (round-robin per request over all connections, so a candidate's answers
 * land on both and each process's cached session is often one answer
 * behind; `switchedShare` says how often). Each round answers its own slice
 * of the tasks, so rounds never repeat an answer. Afterwards every 2xx answer
 * is looked up in its session stream, and the schema is dropped.
 */
export const benchAnswerScale = async (options: AnswerScaleOptions): Promise<AnswerScaleResult> => {
  const say = options.progress ?? (() => {})
  const rounds = options.rounds ?? 3
  const connections = options.connections ?? 16
  const count = options.candidates ?? connections * 4
  const schema = `bench_scale_${randomUUID().replace(/-/g, '').slice(0, 12)}`
  const client = await openSqlDatabase({ kind: 'postgres', connectionString: options.databaseUrl })
  const servers: ServeChild[] = []
  try {
    const store = await createSqlEventStore('postgres', client, { schema })
    // The servers' secret: the FIN fingerprints seeded here are what their sign-in looks up.
    const secret = randomBytes(32).toString('base64url')
    const checkpoints = await createSqlCheckpointStore(client, schema)
    const logger = createLogger({ level: 'silent' })
    const { imtahan, clock, sms } = seedingFacade(store, checkpoints, logger, Buffer.from(secret, 'utf8'))
    await imtahan.start()
    say(`seeding a sitting that started 5 minutes ago and ${count} candidates…`)
    const startsAt = new Date(Math.floor((Date.now() - 5 * 60_000) / 60_000) * 60_000)
    const seeded = await seed(imtahan, sms, clock, count, startsAt)
    await imtahan.stop()

    say('starting two imtahan serve processes on the schema…')
    servers.push(
      ...(await Promise.all([0, 1].map(() => startServeProcess(options.databaseUrl, schema, secret)))),
    )
    const [a, b] = servers.map((server) => server.url) as [string, string]
    const candidates = seeded.cabinets.map((_, n) => n)
    const tokens = await inParallel(candidates, SEED_WIDTH, async (n) => {
      const response = await fetch(`${a}/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(seededLogin(n)),
      })
      if (response.status !== 201)
        throw new Error(`sign-in ${n}: ${response.status} ${await response.text()}`)
      return ((await response.json()) as { token: string }).token
    })

    // One slice more than rounds: the warm-up round's.
    const slices = 2 * rounds + 1
    const order = Array.from({ length: rounds }, (_, r) => (r % 2 === 0 ? [1, 2] : [2, 1])).flat()
    const accepted: AcceptedAnswer[] = []
    const statuses: Record<string, number> = {}
    const measured: Record<1 | 2, { requests: number; seconds: number }[]> = { 1: [], 2: [] }
    const perRound: [number, number][] = []
    const twoProcessRequests = { sent: 0, switched: 0 }
    const planFor = (slice: number, urls: readonly string[], warmupRequests: number, seconds: number) => ({
      urls,
      examId: EXAM_ID,
      candidates: tokens.map((token) => ({
        token,
        tasks: seeded.tasks.filter((_, index) => index % slices === slice),
      })),
      connections,
      seconds,
      maxRequests: seconds === 0 ? 0 : 1_000_000,
      warmupRequests,
    })
    const fire = (plan: LoadPlan) => (options.client === 'inline' ? fireAnswers(plan) : inChildProcess(plan))
    /** Every answer sent, measured or not, is checked against the store afterwards. */
    const keep = (outcome: LoadOutcome) => {
      accepted.push(...outcome.accepted)
      for (const [status, n] of Object.entries(outcome.statuses))
        statuses[status] = (statuses[status] ?? 0) + n
      return outcome
    }
    // Both processes answer first, unmeasured, so neither side starts with a cold process
    // (the second one would otherwise meet its first requests in a measured round).
    keep(await fire(planFor(2 * rounds, [a, b], options.warmupRoundRequests ?? 2_000, 0)))
    for (const [slice, processes] of order.entries()) {
      const plan = planFor(
        slice,
        processes === 1 ? [a] : [a, b],
        options.warmupRequests ?? 200,
        options.seconds ?? 5,
      )
      const outcome = keep(await fire(plan))
      measured[processes as 1 | 2].push(outcome)
      if (processes === 2) {
        twoProcessRequests.sent += Object.values(outcome.statuses).reduce((sum, n) => sum + n, 0)
        twoProcessRequests.switched += outcome.switched
      }
      perRound.push([processes, Math.round(outcome.requests / outcome.seconds)])
      say(`round ${slice + 1}/${order.length}: ${processes} process(es), ${perRound.at(-1)![1]} answers/s`)
    }
    const conflicts = (await Promise.all(servers.map((server) => conflictsOf(server.url)))).reduce(
      (sum, n) => sum + n,
      0,
    )
    await Promise.all(servers.map((server) => server.stop()))

    say(`checking ${accepted.length} accepted answers against the store…`)
    const sessionIds = seeded.cabinets.map((cabinetId) => `${EXAM_ID}.${cabinetId}`)
    const lost = await countLost(store, sessionIds, accepted)
    const answered = Object.values(statuses).reduce((sum, n) => sum + n, 0)
    const [one, two] = [sideOf(measured[1]), sideOf(measured[2])]
    return {
      one,
      two,
      ratio: Math.round((two.perSecond / one.perSecond) * 100) / 100,
      rounds: perRound,
      accepted: accepted.length,
      refused: answered - accepted.length,
      lost,
      switchedShare:
        Math.round((twoProcessRequests.switched / Math.max(1, twoProcessRequests.sent)) * 100) / 100,
      conflicts,
      connections: Math.min(connections, count),
      candidates: count,
    }
  } finally {
    await Promise.all(servers.map((server) => server.stop()))
    await client.close()
    await dropPostgresSchema(options.databaseUrl, schema)
  }
}

/**
 * The bench table's row: the two-process side counted, the one-process rate,
 * the ratio and each round's rate in the note (the machine's load moves them).
 */
export const answerScaleRow = async (databaseUrl: string, store: string): Promise<BenchRow> => {
  const result = await benchAnswerScale({ databaseUrl })
  return {
    store,
    scenario: `HTTP: answers on 2 serve processes vs 1, one database (${result.connections} connections, round-robin)`,
    count: result.two.answers,
    unit: 'answers',
    seconds: result.two.seconds,
    target: { label: `≥ ${SCALE_TARGET.ratio}× of 1 process, 0 lost`, met: meetsScaleTarget(result) },
    note:
      `1 process ${result.one.perSecond}/s, 2 processes ${result.two.perSecond}/s: ${result.ratio}×; ` +
      `rounds ${result.rounds.map(([n, rate]) => `${n}p ${rate}`).join(', ')}; ` +
      `${result.lost} lost, ${result.refused} refused; ` +
      `${Math.round(result.switchedShare * 100)} % of the 2-process answers on the other process than the one before, ` +
      `${result.conflicts} refused writes (stale cache) in all rounds`,
  }
}

/** The standalone run's summary lines (`http-load-main.js scale`). */
export const scaleReport = (result: AnswerScaleResult): string[] => [
  `one process: ${result.one.answers} answers in ${result.one.seconds} s = ${result.one.perSecond}/s`,
  `two processes: ${result.two.answers} answers in ${result.two.seconds} s = ${result.two.perSecond}/s`,
  `ratio ${result.ratio}; rounds ${result.rounds.map(([n, rate]) => `${n}p ${rate}/s`).join(', ')}`,
  `accepted ${result.accepted}, refused ${result.refused}, lost ${result.lost}`,
  `two processes: ${Math.round(result.switchedShare * 100)} % of answers sent to the other process than the candidate's answer before`,
  `refused writes (a stale cache met an answer), both processes, all rounds: ${result.conflicts} of ${result.accepted} answers`,
  `target ≥ ${SCALE_TARGET.ratio}× of one process, 0 lost: ${meetsScaleTarget(result) ? 'met' : 'MISSED'}`,
]
