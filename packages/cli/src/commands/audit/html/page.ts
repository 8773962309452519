import type { AuditReport, CheckReport } from '@imtahan/adapters'
import { Html, html } from './escape.js'
import { moneySection } from './money.js'
import { sittingSection } from './sittings.js'
import { STYLE } from './style.js'

const status = (check: CheckReport) =>
  check.skipped !== undefined
    ? html`<span class="check-skipped">skipped</span>`
    : check.ok
      ? html`<span class="check-ok">holds</span>`
      : html`<span class="check-fail">${check.findingCount} finding(s)</span>`

const checkRow = (check: CheckReport) =>
  html`<tr><th scope="row">${check.name}</th><td>${status(check)}</td><td>${check.title}${check.skipped === undefined ? '' : ` — skipped: ${check.skipped}`}</td></tr>`

const findingsOf = (check: CheckReport): Html =>
  check.findingCount === 0
    ? html``
    : html`<h3>${check.name}: ${check.findingCount} finding(s)${check.findings.length < check.findingCount ? `, the first ${check.findings.length} listed` : ''}</h3>
<ul class="findings">${check.findings.map((f) => html`<li>${f.rule === undefined ? '' : `${f.rule} `}${f.problem}: ${f.message}</li>`)}</ul>`

/**
 * `imtahan audit --html`: one self-contained page to sign — what was read,
 * the verdict and every finding, the money reconciliation, and per sitting the
 * pass rates, a histogram per subgroup with its pass mark, and every revision.
 * Built only from the audit report; no script, no external asset.
 */
export const renderAuditHtml = (report: AuditReport): string => {
  const money = report.checks.find((check) => check.name === 'money')
  const sittings = report.checks.find((check) => check.name === 'scores')?.details?.sittings ?? []
  const failed = report.checks.filter((check) => check.findingCount > 0)
  const last =
    report.lastPosition === null
      ? '(empty log)'
      : `${report.lastPosition.commit}/${report.lastPosition.prepare}`
  const page = html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>imtahan audit report — ${report.digest.slice(0, 12)}</title>
<style>${new Html(STYLE)}</style></head>
<body>
<h1>imtahan audit report</h1>
<table class="head"><tbody>
<tr><th scope="row">source</th><td>${report.source}</td></tr>
<tr><th scope="row">read</th><td>${report.startedAt} – ${report.finishedAt}</td></tr>
<tr><th scope="row">events</th><td>${report.events} in ${report.streams} streams, last position ${last}</td></tr>
<tr><th scope="row">digest</th><td><code>${report.digest}</code></td></tr>
</tbody></table>
<p class="verdict ${report.ok ? 'ok' : 'bad'}">${report.ok ? 'PASSED — every check holds' : `FAILED — ${report.findingCount} finding(s)`}</p>
<section id="checks"><h2>Checks</h2>
<table class="checks"><tbody>${report.checks.map(checkRow)}</tbody></table>
${failed.length === 0 ? html`<p class="ok">No findings.</p>` : failed.map(findingsOf)}
</section>
${moneySection(money)}
${sittings.length === 0 ? html`<section><h2>Sittings</h2><p>The log holds no sitting.</p></section>` : sittings.map(sittingSection)}
<section id="sign-off"><h2>Sign-off</h2>
<p>File this page with the export's file name and the digest above. Not checked yet: the unclaimed-payments view (PAY-2), kept in memory only; appeal decisions themselves (APL-2, APL-4).</p>
<div class="sign"><div>auditor</div><div>date</div><div>signature</div></div>
</section>
</body></html>
`
  return page.text
}
