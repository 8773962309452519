import type { ErrorCode } from '@imtahan/domain'
import { PROBLEM_TYPE_BASE } from '../problem.js'
import { ERROR_CODES, ERRORS } from './table.js'

type AreaOf<Code> = Code extends `${infer Area}.${string}` ? Area : never

/** An area is a code's first segment; every area has a heading, in the order an integrator meets them. */
const AREAS: { readonly [Area in AreaOf<ErrorCode>]: string } = {
  validation: 'Validation',
  http: 'HTTP',
  auth: 'Authentication and roles',
  idempotency: 'Idempotency (WAL-7)',
  cabinet: 'Cabinet',
  otp: 'Confirmation codes',
  password: 'Passwords',
  wallet: 'Account',
  money: 'Amounts',
  payment: 'Payments',
  transfer: 'Transfers',
  exam: 'Exam sittings',
  session: 'Exam sessions',
  score: 'Scoring',
  appeal: 'Appeals',
  calendar: 'Business calendar',
  command: 'Command handling',
  store: 'Event store',
  dev: 'Development server',
}

const areaOf = (code: ErrorCode): string => code.slice(0, code.indexOf('.'))

const row = (code: ErrorCode): string =>
  `| \`${PROBLEM_TYPE_BASE}${code}\` | ${ERRORS[code].status} | ${ERRORS[code].meaning} |`

const section = ([area, title]: readonly [string, string]): string =>
  [
    `## ${title}`,
    '',
    '| Problem `type` | Status | Meaning |',
    '| --- | --- | --- |',
    ...ERROR_CODES.filter((code) => areaOf(code) === area).map(row),
  ].join('\n')

/** `docs/errors.md`: every problem type with its status and meaning, grouped by area. */
export const renderErrorCatalogue = (): string =>
  [
    '# Error catalogue',
    '',
    '<!-- Generated from the error tables by packages/http/src/errors/catalogue.ts; do not edit by hand.',
    '     `npx vitest run packages/http/test/errors.test.ts` rewrites this file when a table changes. -->',
    '',
    'Every refusal is an RFC 9457 `application/problem+json` answer. Its `type` is',
    '`urn:imtahan:problem:<code>` and stays stable; `code` repeats the code for a program,',
    '`detail` is a sentence for a person, and the facts behind the refusal come as extra members.',
    '',
    ...Object.entries(AREAS).flatMap((entry) => [section(entry), '']),
  ].join('\n')
