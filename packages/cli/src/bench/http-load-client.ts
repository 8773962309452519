import { Agent, request } from 'node:http'

/** What the load client is told: where to send, as whom, and how much at most. */
export type LoadPlan = {
  /**
   * `http://127.0.0.1:<port>` of each server process: loopback only. With
   * several, requests go to them in turn in the order they are sent, over
   * all connections (round-robin per request, as a balancer without
   * affinity does), so a candidate's answers land on every process.
   */
  readonly urls: readonly string[]
  readonly examId: string
  /** One signed-in candidate each: their bearer token and the closed tasks of their form. */
  readonly candidates: readonly { readonly token: string; readonly tasks: readonly string[] }[]
  /** Keep-alive connections, each with one request in flight (HTTP/1.1 without pipelining). */
  readonly connections: number
  readonly seconds: number
  readonly maxRequests: number
  /** Sent first and checked like the rest, but neither timed nor counted in the figures. */
  readonly warmupRequests: number
}

/** An accepted answer: [candidate index, task id, answer letter]. */
export type AcceptedAnswer = readonly [number, string, string]

export type LoadOutcome = {
  /** Measured requests (after the warm-up) and how long they took all together. */
  readonly requests: number
  readonly seconds: number
  /** Each measured request's time from sending to the end of the response, in ms, sorted. */
  readonly latencies: readonly number[]
  /** By status ('error' for a connection that failed); warm-up included. */
  readonly statuses: Readonly<Record<string, number>>
  /** Every 2xx answer (warm-up included), in the order each candidate's requests were sent. */
  readonly accepted: readonly AcceptedAnswer[]
  /**
   * Requests sent to another process than the same candidate's request
   * before (warm-up included): each finds that process's cached session
   * one answer behind. 0 with one process.
   */
  readonly switched: number
}

const LETTERS = ['A', 'B', 'C', 'D'] as const
const REQUEST_TIMEOUT_MS = 10_000

/**
 * Sends `PUT /me/exams/{examId}/answers/{taskId}` from `connections` loops,
 * each over its own keep-alive socket, until the count or the time is spent.
 * Connection `c` owns candidates c, c + connections, … so each candidate's
 * requests are sequential: its k-th answer to a task is `LETTERS[k % 4]`,
 * always different from the one before (an unchanged answer records nothing),
 * and its accepted answers must appear in its stream in the order sent.
 */
export const fireAnswers = async (plan: LoadPlan): Promise<LoadOutcome> => {
  const targets = plan.urls.map((url) => new URL(url))
  for (const target of targets)
    if (target.hostname !== '127.0.0.1' && target.hostname !== 'localhost' && target.hostname !== '[::1]')
      throw new Error(`the load client only talks to loopback, not ${target.hostname}`)
  const connections = Math.max(1, Math.min(plan.connections, plan.candidates.length))
  const agent = new Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections })
  const statuses: Record<string, number> = {}
  const accepted: AcceptedAnswer[] = []
  const latencies: number[] = []
  /** Per candidate: how many times each of its tasks was answered, and the task it answers next. */
  const visits = plan.candidates.map(() => new Map<string, number>())
  const nextTask = plan.candidates.map(() => 0)
  /** Per candidate: the process its previous request went to. */
  const lastTarget = plan.candidates.map(() => -1)
  let switched = 0
  const total = plan.warmupRequests + plan.maxRequests
  let sent = 0
  let measuredFrom = 0
  let deadline = Number.POSITIVE_INFINITY

  const put = (target: URL, path: string, token: string, body: string) =>
    new Promise<number>((resolve, reject) => {
      const req = request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          method: 'PUT',
          path,
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          res.on('error', reject)
          res.on('end', () => resolve(res.statusCode ?? 0))
          res.resume()
        },
      )
      req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error('request timed out')))
      req.on('error', reject)
      req.end(body)
    })

  const loop = async (connection: number) => {
    const mine = plan.candidates
      .map((_, index) => index)
      .filter((index) => index % connections === connection)
    for (let turn = 0; sent < total && performance.now() < deadline; turn++) {
      const number = sent++
      if (number === plan.warmupRequests) {
        measuredFrom = performance.now()
        deadline = measuredFrom + plan.seconds * 1000
      }
      const candidate = mine[turn % mine.length]!
      const { token, tasks } = plan.candidates[candidate]!
      const taskId = tasks[nextTask[candidate]! % tasks.length]!
      nextTask[candidate]! += 1
      const visit = visits[candidate]!.get(taskId) ?? 0
      visits[candidate]!.set(taskId, visit + 1)
      const answer = LETTERS[visit % LETTERS.length]!
      const path = `/me/exams/${encodeURIComponent(plan.examId)}/answers/${encodeURIComponent(taskId)}`
      // The shared count, not this connection's turn: with 4 candidates per connection and 2
      // processes, a per-connection turn would send each candidate to the same process every time.
      const target = number % targets.length
      if (lastTarget[candidate] !== -1 && lastTarget[candidate] !== target) switched++
      lastTarget[candidate] = target
      const started = performance.now()
      let status: string
      try {
        const code = await put(targets[target]!, path, token, JSON.stringify({ answer }))
        status = String(code)
        if (code >= 200 && code < 300) accepted.push([candidate, taskId, answer])
      } catch {
        status = 'error'
      }
      if (number >= plan.warmupRequests) latencies.push(performance.now() - started)
      statuses[status] = (statuses[status] ?? 0) + 1
    }
  }

  if (plan.warmupRequests === 0) {
    measuredFrom = performance.now()
    deadline = measuredFrom + plan.seconds * 1000
  }
  try {
    await Promise.all(Array.from({ length: connections }, (_, connection) => loop(connection)))
  } finally {
    agent.destroy()
  }
  const seconds = (performance.now() - measuredFrom) / 1000
  latencies.sort((a, b) => a - b)
  return { requests: latencies.length, seconds, latencies, statuses, accepted, switched }
}

/** Set in the environment of the child process that runs the client (see http-load.ts). */
export const CLIENT_PROCESS_FLAG = 'IMTAHAN_HTTP_LOAD_CLIENT'

// Run as a child process: the plan comes in as one IPC message, the outcome goes back as one.
if (process.env[CLIENT_PROCESS_FLAG] === '1' && process.send !== undefined) {
  process.once('message', (plan: LoadPlan) => {
    fireAnswers(plan).then(
      (outcome) => process.send?.({ ok: true, outcome }, () => process.disconnect()),
      (error: unknown) =>
        process.send?.(
          { ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) },
          () => process.disconnect(),
        ),
    )
  })
}
