import type { AuditReport, CheckReport } from '@imtahan/adapters'

const SHOWN = 20

const mark = (check: CheckReport) => (check.skipped !== undefined ? '-' : check.ok ? 'ok' : 'FAIL')

const totalsOf = (check: CheckReport) =>
  Object.entries(check.totals).map(([key, value]) => `      ${key.padEnd(30)} ${value}`)

const findingsOf = (check: CheckReport) => [
  ...check.findings
    .slice(0, SHOWN)
    .map((finding) => `      ! ${finding.rule === undefined ? '' : `${finding.rule} `}${finding.message}`),
  ...(check.findingCount > SHOWN ? [`      … ${check.findingCount - SHOWN} more (see --json)`] : []),
]

/**
 * The report as a person files it: what was read, each check with its
 * totals and findings, the verdict, what is not checked yet, and a place to
 * sign. Stream ids and revisions only — no event data.
 */
export const formatSummary = (report: AuditReport): string => {
  const skipped = report.checks.filter((check) => check.skipped !== undefined)
  const lines = [
    'imtahan audit report',
    '',
    `  source         ${report.source}`,
    `  started        ${report.startedAt}`,
    `  finished       ${report.finishedAt}`,
    `  events         ${report.events} in ${report.streams} streams`,
    `  last position  ${report.lastPosition === null ? '(empty log)' : `${report.lastPosition.commit}/${report.lastPosition.prepare}`}`,
    `  digest         ${report.digest}`,
    '',
    'checks',
    ...report.checks.flatMap((check) => [
      `  [${mark(check)}] ${check.name}: ${check.title}`,
      ...(check.skipped === undefined ? [] : [`      skipped: ${check.skipped}`]),
      ...totalsOf(check),
      ...findingsOf(check),
    ]),
    '',
    report.ok
      ? `verdict: PASSED — ${report.checks.length - skipped.length} checks hold${skipped.length === 0 ? '' : `, ${skipped.length} skipped (see above)`}`
      : `verdict: FAILED — ${report.findingCount} finding(s)`,
    'not checked yet: the unclaimed-payments view (PAY-2), kept in memory only; appeal decisions themselves (APL-2, APL-4)',
    '',
    'auditor: ______________________   date: ____________   signature: ______________________',
    '',
  ]
  return lines.join('\n')
}
