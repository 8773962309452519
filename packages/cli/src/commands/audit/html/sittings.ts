import type { ResultRevision, ResultState, SittingReport, SubgroupScores } from '@imtahan/adapters'
import { type Html, html } from './escape.js'
import { BIN_WIDTH, histogram } from './histogram.js'

const percent = (part: number, whole: number) => (whole === 0 ? '—' : `${Math.round((100 * part) / whole)} %`)

const counted = (scores: SubgroupScores) => scores.counts.reduce((sum, n) => sum + n, 0)

const mean = (scores: SubgroupScores) => {
  const n = counted(scores)
  if (n === 0) return '—'
  const total = scores.counts.reduce((sum, count, score) => sum + count * score, 0)
  return (total / n).toFixed(1)
}

const rateRow = (scores: SubgroupScores) =>
  html`<tr><th scope="row">${scores.subgroup}</th><td class="num">${scores.passMark} / ${scores.maxPoints}</td><td class="num">${scores.results}</td><td class="num">${scores.annulled}</td><td class="num">${scores.passed}</td><td class="num">${percent(scores.passed, scores.results)}</td><td class="num">${mean(scores)}</td></tr>`

const stateOf = (state: ResultState) =>
  html`${state.score} <span class="${state.annulled ? 'annulled' : state.passed ? 'pass' : 'fail'}">${state.annulled ? 'ANNULLED' : state.passed ? 'PASS' : 'FAIL'}</span>`

const KIND: Readonly<Record<ResultRevision['kind'], string>> = {
  'expert-review': 'expert review (SCO-5)',
  appeal: 'appeal (APL-4)',
  court: 'court (APL-5)',
  annulment: 'annulment (EXM-20/21)',
  'annulment-reversed': 'court reversed the annulment (EXM-22)',
  'annulment-upheld': 'court upheld the annulment (EXM-22)',
}

const revisionRow = (row: ResultRevision) =>
  html`<tr><td class="id">${row.streamId}@${row.revision}</td><td>${KIND[row.kind]}</td><td class="id">${row.reference}</td><td class="num">${stateOf(row.before)}</td><td class="num">${stateOf(row.after)}</td><td>${row.recordedAt}</td></tr>`

const revisions = (rows: readonly ResultRevision[]) =>
  rows.length === 0
    ? html`<p>No result of this sitting was revised or annulled.</p>`
    : html`<table class="revisions"><thead><tr><th>session @ revision</th><th>revision</th><th>review, appeal or grounds</th><th>before</th><th>after</th><th>recorded at</th></tr></thead><tbody>${rows.map(revisionRow)}</tbody></table>`

const chart = (scores: SubgroupScores) =>
  html`<figure class="chart"><figcaption>${scores.subgroup} — ${counted(scores)} result(s) in force, pass mark ${scores.passMark} of ${scores.maxPoints}${scores.annulled > 0 ? `, ${scores.annulled} annulled (not shown)` : ''}</figcaption>${histogram(scores)}</figure>`

/** One sitting: pass rates per subgroup, a histogram per subgroup, every revision with before and after (APL-6). */
export const sittingSection = (sitting: SittingReport): Html =>
  html`<section class="sitting" id="sitting-${sitting.examId}"><h2>Sitting ${sitting.examId}</h2>
<p>${sitting.title} · ${sitting.date} · ${sitting.published ? 'results published' : 'results not published'}</p>
<h3>Pass rates (SCO-4: pass ⇔ score ≥ the pass mark the sitting's ExamDefined records)</h3>
<table class="rates"><thead><tr><th>subgroup</th><th>pass mark</th><th>results</th><th>annulled</th><th>passed</th><th>pass rate</th><th>mean score</th></tr></thead><tbody>${sitting.subgroups.map(rateRow)}</tbody></table>
<h3>Score distributions (scores in force; bars in ${BIN_WIDTH}-point steps from the pass mark)</h3>
<div class="charts">${sitting.subgroups.map(chart)}</div>
<h3>Revisions (APL-6)</h3>
${revisions(sitting.revisions)}
</section>`
