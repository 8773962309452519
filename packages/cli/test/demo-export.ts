import { writeFileSync } from 'node:fs'
import {
  createMemoryEventStore,
  createTestClock,
  type EventLog,
  type ExportSummary,
  exportLog,
} from '@imtahan/adapters'
import { makeApp } from '../../adapters/test/application/facade/support.js'
import { runDemo } from '../src/demo/seed.js'

/**
 * `imtahan demo` in memory (the smallest sitting it seeds), exported to an
 * NDJSON file as `imtahan export` writes it: what an auditor receives.
 */
export const demoExport = async (path: string, candidates = 20): Promise<ExportSummary> => {
  const startsAt = new Date('2026-06-10T06:00:00Z')
  const store = createMemoryEventStore()
  const clock = createTestClock(startsAt)
  const { app, sms } = makeApp(store, { clock })
  await runDemo({ app, clock, sms }, { candidates, seed: 7, startsAt })
  return exportToFile(store, path)
}

/** The whole log of `log` written to `path` as `imtahan export` writes it. */
export const exportToFile = async (log: EventLog, path: string): Promise<ExportSummary> => {
  let text = ''
  const summary = await exportLog(log, (chunk) => {
    text += chunk
  })
  writeFileSync(path, text)
  return summary
}
