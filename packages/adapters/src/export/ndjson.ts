import type { Finding } from '../audit/finding.js'
import type { EventMetadata, RecordedEvent } from '../store/port.js'

/**
 * One line of an export: a recorded event with its bigints as decimal
 * strings (JSON has no bigint) and its metadata — hash and previousHash
 * included — exactly as stored, so the file can be audited on its own.
 */
export type ExportLine = {
  readonly streamId: string
  readonly revision: string
  readonly position: { readonly commit: string; readonly prepare: string }
  readonly id: string
  readonly type: string
  readonly data: Readonly<Record<string, unknown>>
  readonly metadata: EventMetadata
}

export const toExportLine = (event: RecordedEvent): string =>
  JSON.stringify({
    streamId: event.streamId,
    revision: event.revision.toString(),
    position: { commit: event.position.commit.toString(), prepare: event.position.prepare.toString() },
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
  } satisfies ExportLine)

const INTEGER = /^-?\d+$/

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const OPTIONAL_CONTEXT = ['correlationId', 'causationId', 'principal'] as const

/** What is wrong with a parsed line, or undefined when it is a well-formed event. */
const shapeProblem = (value: unknown): string | undefined => {
  if (!isRecord(value)) return 'not a JSON object'
  const { streamId, revision, position, id, type, data, metadata } = value
  if (typeof streamId !== 'string' || streamId === '') return 'streamId missing'
  if (typeof revision !== 'string' || !INTEGER.test(revision)) return 'revision is not an integer string'
  if (!isRecord(position) || typeof position.commit !== 'string' || typeof position.prepare !== 'string')
    return 'position missing'
  if (!INTEGER.test(position.commit) || !INTEGER.test(position.prepare))
    return 'position is not integer strings'
  if (typeof id !== 'string' || typeof type !== 'string') return 'id or type missing'
  if (!isRecord(data)) return 'data is not an object'
  if (!isRecord(metadata)) return 'metadata is not an object'
  if (typeof metadata.hash !== 'string' || typeof metadata.recordedAt !== 'string')
    return 'metadata incomplete'
  if (metadata.previousHash !== null && typeof metadata.previousHash !== 'string')
    return 'previousHash invalid'
  for (const key of OPTIONAL_CONTEXT)
    if (metadata[key] !== undefined && typeof metadata[key] !== 'string') return `metadata.${key} invalid`
  return undefined
}

/**
 * One line back to a recorded event, or a finding naming the line. The
 * finding never quotes the line: it may hold personal data.
 */
export const parseExportLine = (text: string, line: number): RecordedEvent | Finding => {
  const malformed = (why: string): Finding => ({
    check: 'source',
    problem: 'malformed-line',
    line,
    message: `line ${line}: ${why}`,
  })
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return malformed('not valid JSON')
  }
  const problem = shapeProblem(value)
  if (problem !== undefined) return malformed(problem)
  const parsed = value as ExportLine
  return {
    id: parsed.id,
    streamId: parsed.streamId,
    type: parsed.type,
    revision: BigInt(parsed.revision),
    position: { commit: BigInt(parsed.position.commit), prepare: BigInt(parsed.position.prepare) },
    data: parsed.data,
    metadata: parsed.metadata,
  }
}

export const isFinding = (value: RecordedEvent | Finding): value is Finding => 'check' in value
