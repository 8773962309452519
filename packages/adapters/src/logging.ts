import { type Logger, type LoggerOptions, pino } from 'pino'

/**
 * Personal data never reaches a log (RULES.md §5): these keys are censored
 * wherever they appear in a logged object, at any of the first few depths.
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

const redactPaths = PERSONAL_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`])

export const createLogger = (options: LoggerOptions = {}, destination?: pino.DestinationStream): Logger =>
  pino(
    {
      level: process.env.LOG_LEVEL ?? 'info',
      redact: { paths: redactPaths, censor: '[redacted]' },
      ...options,
    },
    destination as pino.DestinationStream,
  )

export type { Logger }
