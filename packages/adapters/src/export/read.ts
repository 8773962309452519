import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import type { Finding } from '../audit/finding.js'
import type { AuditSource } from '../audit/source.js'
import type { RecordedEvent } from '../store/port.js'
import { isFinding, parseExportLine } from './ndjson.js'

/**
 * Turns NDJSON lines back into recorded events. A line that does not parse
 * becomes a finding with its line number, kept in `problems`, and the reading
 * goes on: one damaged line must not hide the rest of the file from the audit.
 * Blank lines are skipped.
 */
export const parseExport = (lines: AsyncIterable<string> | Iterable<string>) => {
  const problems: Finding[] = []
  async function* events(): AsyncGenerator<RecordedEvent> {
    let line = 0
    for await (const text of lines) {
      line += 1
      if (text.trim() === '') continue
      const parsed = parseExportLine(text, line)
      if (isFinding(parsed)) problems.push(parsed)
      else yield parsed
    }
  }
  return { events, problems: (): readonly Finding[] => problems }
}

const linesOf = (path: string) =>
  createInterface({ input: createReadStream(path), crlfDelay: Number.POSITIVE_INFINITY })

/** Counts the lines of a file without parsing them, for the progress bar. */
const countLines = async (path: string): Promise<number> => {
  let count = 0
  let last = 10
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    for (const byte of chunk) if (byte === 10) count += 1
    last = chunk.at(-1) ?? last
  }
  return last === 10 ? count : count + 1
}

/** An audit of an export file (`imtahan audit --from-file`). Each run of `events` reads the file afresh. */
export const exportFileAuditSource = (path: string): AuditSource => {
  let current = parseExport([])
  return {
    name: `export file ${path}`,
    total: () => countLines(path),
    events: () => {
      current = parseExport(linesOf(path))
      return current.events()
    },
    problems: () => current.problems(),
  }
}
