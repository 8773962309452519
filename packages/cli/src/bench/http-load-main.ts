#!/usr/bin/env node
import { cpus } from 'node:os'
import { ANSWER_LOAD_TARGET, benchAnswerLoad, meetsAnswerLoadTarget } from './http-load.js'
import { benchAnswerScale, scaleReport } from './http-load-scale.js'

/**
 * The answer-submission load test alone:
 * `DATABASE_URL=postgres://… node packages/cli/dist/bench/http-load-main.js`.
 * BENCH_SECONDS, BENCH_REQUESTS, BENCH_CONNECTIONS and BENCH_CANDIDATES bound it.
 * With `scale`: one serve process vs two (http-load-scale.ts), bounded by
 * BENCH_ROUNDS (per side), BENCH_SECONDS (per round) and BENCH_CONNECTIONS.
 */
const numberFrom = (name: string): number | undefined => {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return undefined
  const value = Number(raw)
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number`)
  return value
}

const run = async (): Promise<void> => {
  const databaseUrl = process.env.DATABASE_URL
  if (databaseUrl === undefined || databaseUrl === '') {
    process.stderr.write('http-load: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test)\n')
    process.exitCode = 2
    return
  }
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`
  const progress = (line: string) => process.stdout.write(`${line}\n`)
  if (process.argv[2] === 'scale') {
    const [rounds, seconds, connections, candidates] = [
      'BENCH_ROUNDS',
      'BENCH_SECONDS',
      'BENCH_CONNECTIONS',
      'BENCH_CANDIDATES',
    ].map(numberFrom)
    const result = await benchAnswerScale({
      databaseUrl,
      ...(rounds === undefined ? {} : { rounds }),
      ...(seconds === undefined ? {} : { seconds }),
      ...(connections === undefined ? {} : { connections }),
      ...(candidates === undefined ? {} : { candidates }),
      progress,
    })
    process.stdout.write([machine, ...scaleReport(result), ''].join('\n'))
    if (result.lost > 0) process.exitCode = 1
    return
  }
  const seconds = numberFrom('BENCH_SECONDS')
  const maxRequests = numberFrom('BENCH_REQUESTS')
  const connections = numberFrom('BENCH_CONNECTIONS')
  const candidates = numberFrom('BENCH_CANDIDATES')
  const result = await benchAnswerLoad({
    databaseUrl,
    ...(seconds === undefined ? {} : { seconds }),
    ...(maxRequests === undefined ? {} : { maxRequests }),
    ...(connections === undefined ? {} : { connections }),
    ...(candidates === undefined ? {} : { candidates }),
    progress,
  })
  const met = meetsAnswerLoadTarget(result)
  process.stdout.write(
    [
      machine,
      `${result.requests} answers in ${result.seconds} s over ${result.connections} connections ` +
        `(${result.candidates} candidates): ${result.perSecond} answers/s, ` +
        `p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, max ${result.maxMs} ms; ` +
        `server CPU ${result.serverCpuMsPerAnswer} ms per answer`,
      `accepted ${result.accepted}, refused ${result.refused} ${JSON.stringify(result.statuses)}, lost ${result.lost}`,
      `target ≥ ${ANSWER_LOAD_TARGET.perSecond}/s, p99 ≤ ${ANSWER_LOAD_TARGET.p99Ms} ms, 0 lost: ${met ? 'met' : 'MISSED'}`,
      '',
    ].join('\n'),
  )
  if (result.lost > 0) process.exitCode = 1
}

run().catch((error: unknown) => {
  process.stderr.write(
    `http-load: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  )
  process.exitCode = 1
})
