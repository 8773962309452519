import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import { yearFileProblems } from './calendar.js'
import { CalendarYearFile } from './year-file.js'

/**
 * Where a problem is, for a person editing the file: `nonWorkingDays[3] (2026-03-20).kind`
 * rather than io-ts's context chain. The entry's date is added when it has one.
 */
const locate = (error: t.ValidationError, input: unknown): string => {
  const parts: string[] = []
  let node: unknown = input
  for (const entry of error.context) {
    if (entry.key === '') continue
    node =
      typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[entry.key] : undefined
    if (/^\d+$/.test(entry.key)) {
      const date = typeof node === 'object' && node !== null ? (node as { date?: unknown }).date : undefined
      parts.push(`[${entry.key}]${typeof date === 'string' ? ` (${date})` : ''}`)
    } else parts.push(parts.length === 0 ? entry.key : `.${entry.key}`)
  }
  return parts.length === 0 ? 'file' : parts.join('')
}

const describe = (error: t.ValidationError, input: unknown): string => {
  const where = locate(error, input)
  if (error.message !== undefined) return `${where}: ${error.message}`
  const expected = error.context[error.context.length - 1]?.type.name ?? 'a valid value'
  return error.value === undefined
    ? `${where}: missing (expected ${expected})`
    : `${where}: expected ${expected}, got ${JSON.stringify(error.value)}`
}

/**
 * Decodes and checks one year file. On failure, the problems as sentences —
 * shape errors first; consistency (`yearFileProblems`) only once the shape is right.
 */
export const decodeYearFile = (input: unknown): E.Either<readonly string[], CalendarYearFile> => {
  const decoded = CalendarYearFile.decode(input)
  if (E.isLeft(decoded)) return E.left([...new Set(decoded.left.map((error) => describe(error, input)))])
  const problems = yearFileProblems(decoded.right)
  return problems.length > 0 ? E.left(problems) : E.right(decoded.right)
}
