#!/usr/bin/env node
import { readFile, writeFile } from 'node:fs/promises'
import { cpus } from 'node:os'
import { fileURLToPath } from 'node:url'
import { batchAppends, logReads, singleAppends, streamReads } from './scenarios.js'
import { benchStores } from './stores.js'
import { type BenchRow, markdownTable, replaceBenchSection, textTable } from './table.js'

/**
 * `npm run bench`: events per second of every store we can reach, printed and
 * written into docs/benchmarks.md. Each scenario is bounded (a fixed count or
 * a few seconds), so the whole run takes about a minute.
 */
const DOCUMENT = fileURLToPath(new URL('../../../../docs/benchmarks.md', import.meta.url))
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3)
const POOL_SIZE = 10

const budget = (operations: number) => ({ milliseconds: SECONDS * 1000, operations })

const run = async (): Promise<void> => {
  const databaseUrl = process.env.DATABASE_URL
  const rows: BenchRow[] = []
  for (const { name, open } of benchStores(databaseUrl, POOL_SIZE, process.env.BENCH_STORES)) {
    const { store, cleanup } = await open()
    const isPostgres = name === 'PostgreSQL'
    const measure = async (
      scenario: string,
      result: Promise<{ events: number; seconds: number }>,
      target?: number,
    ) => {
      const row: BenchRow = {
        store: name,
        scenario,
        ...(await result),
        ...(target === undefined ? {} : { target }),
      }
      rows.push(row)
      process.stdout.write(`${textTable([row]).split('\n')[1]}\n`)
    }
    try {
      await measure('append 1 event, 1 writer', singleAppends(store, 1, budget(20_000)))
      await measure(
        'append 1 event, 8 writers',
        singleAppends(store, 8, budget(40_000)),
        isPostgres ? 4_000 : undefined,
      )
      await measure(
        'append 1,000-event batches',
        batchAppends(store, 1_000, budget(100)),
        isPostgres ? 50_000 : undefined,
      )
      await measure(
        'read a 1,000-event stream',
        streamReads(store, 1_000, budget(200)),
        isPostgres ? 50_000 : undefined,
      )
      await measure('readAll in pages of 500', logReads(store, 500, budget(200)))
    } finally {
      await cleanup()
    }
  }
  const table = textTable(rows)
  process.stdout.write(`\n${table}\n`)
  const cpu = cpus()[0]?.model ?? 'unknown CPU'
  const note = databaseUrl ? '' : '\n\nPostgreSQL was not measured: DATABASE_URL was not set.'
  const section = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpu}, Node ${process.version}, ` +
      `${SECONDS} s or a fixed count per scenario.${note}`,
    '',
    markdownTable(rows),
  ].join('\n')
  // A run over some of the stores would leave the document's table incomplete.
  if (process.env.BENCH_STORES) return
  const document = await readFile(DOCUMENT, 'utf8').catch(() => '# Benchmarks\n')
  await writeFile(DOCUMENT, replaceBenchSection(document, section))
  process.stdout.write(`\nWritten to ${DOCUMENT}\n`)
}

run().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exitCode = 1
})
