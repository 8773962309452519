import { type Logger, type LoggerOptions, pino } from 'pino'

/**
 * Personal data never reaches a log (RULES.md §5): these keys are censored
 * wherever they appear in a logged object, at any of the first few depths —
 * `name`, `code` and `number` by path (see `OPERATOR_FACTS`).
 * Messages themselves must not interpolate personal data either; the
 * full-flow HTTP test checks the actual output.
 */
const PERSONAL_KEYS = [
  'fin',
  'documentNumber',
  'document',
  'number',
  'phone',
  'email',
  'password',
  'newPassword',
  'currentPassword',
  'passwordHash',
  'code',
  'codeHash',
  'token',
  'authorization',
  'Authorization',
  'surname',
  'name',
  'patronymic',
  'birthDate',
]

/** Key names that are personal data in a request or an event but an operator's fact in a failure. */
const AMBIGUOUS_KEYS = new Set(['name', 'code', 'number'])

/**
 * Paths that hold the operator's facts about a failure, never request data:
 * `failure.name` (the error class) and `failure.code` (the SQLSTATE that
 * docs/operators.md promises). The ambiguous keys are censored by path: on
 * every other path (`person.name`, `body.code`) they still read `[redacted]`.
 */
const OPERATOR_FACTS = new Set(['failure.name', 'failure.code'])

const CENSORED = '[redacted]'
const DEPTH = 3

/** Copies `value` with every ambiguous key censored, except on an operator-fact path. */
const censorAmbiguous = (value: unknown, path: string, depth: number): unknown => {
  if (depth >= DEPTH || value === null || typeof value !== 'object' || Array.isArray(value)) return value
  const out: Record<string, unknown> = {}
  for (const [key, inner] of Object.entries(value)) {
    const at = path === '' ? key : `${path}.${key}`
    out[key] =
      AMBIGUOUS_KEYS.has(key) && !OPERATOR_FACTS.has(at) ? CENSORED : censorAmbiguous(inner, at, depth + 1)
  }
  return out
}

/** The unambiguous personal keys, censored by pino wherever they appear in the first few depths. */
const redactPaths = PERSONAL_KEYS.filter((key) => !AMBIGUOUS_KEYS.has(key)).flatMap((key) => [
  key,
  `*.${key}`,
  `*.*.${key}`,
])

export const createLogger = (options: LoggerOptions = {}, destination?: pino.DestinationStream): Logger =>
  pino(
    {
      level: process.env.LOG_LEVEL ?? 'info',
      redact: { paths: redactPaths, censor: CENSORED },
      formatters: { log: (object) => censorAmbiguous(object, '', 0) as Record<string, unknown> },
      ...options,
    },
    destination as pino.DestinationStream,
  )

export type { Logger }
