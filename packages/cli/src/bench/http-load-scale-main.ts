#!/usr/bin/env node
import { cpus } from 'node:os'
import { benchAnswerScale, meetsScaleTarget, SCALE_TARGET } from './http-load-scale.js'

/**
 * Answer submission on one process vs two on one PostgreSQL, alone:
 * `DATABASE_URL=postgres://… node packages/cli/dist/bench/http-load-scale-main.js`.
 * BENCH_ROUNDS (per side), BENCH_SECONDS (per round) and BENCH_CONNECTIONS bound it.
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
    process.stderr.write('http-load-scale: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test)\n')
    process.exitCode = 2
    return
  }
  const [rounds, seconds, connections] = ['BENCH_ROUNDS', 'BENCH_SECONDS', 'BENCH_CONNECTIONS'].map(
    numberFrom,
  )
  const result = await benchAnswerScale({
    databaseUrl,
    ...(rounds === undefined ? {} : { rounds }),
    ...(seconds === undefined ? {} : { seconds }),
    ...(connections === undefined ? {} : { connections }),
    progress: (line) => process.stdout.write(`${line}\n`),
  })
  process.stdout.write(
    [
      `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`,
      `one process: ${result.one.answers} answers in ${result.one.seconds} s = ${result.one.perSecond}/s`,
      `two processes: ${result.two.answers} answers in ${result.two.seconds} s = ${result.two.perSecond}/s`,
      `ratio ${result.ratio}; rounds ${result.rounds.map(([n, rate]) => `${n}p ${rate}/s`).join(', ')}`,
      `accepted ${result.accepted}, refused ${result.refused}, lost ${result.lost}`,
      `target ≥ ${SCALE_TARGET.ratio}× of one process, 0 lost: ${meetsScaleTarget(result) ? 'met' : 'MISSED'}`,
      '',
    ].join('\n'),
  )
  if (result.lost > 0) process.exitCode = 1
}

run().catch((error: unknown) => {
  process.stderr.write(
    `http-load-scale: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  )
  process.exitCode = 1
})
