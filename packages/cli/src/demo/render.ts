import { Money } from '@imtahan/domain'
import { DEMO_FEE } from './plan.js'
import type { DemoRun } from './seed.js'
import type { DemoSummary } from './summary.js'

const manat = (qepik: bigint) => `${Money.format(Money.fromQepik(qepik))} ₼`
const MAX_FLIPS_SHOWN = 10
const percent = (part: number, whole: number) => (whole === 0 ? '–' : `${Math.round((100 * part) / whole)} %`)

/** How to look at the seeded data: the serve command for the same store and the board's key. */
export type LookAt = {
  /** `imtahan serve` options naming the same store, or undefined when the store does not outlive the demo. */
  readonly serveArgs: string | undefined
  readonly boardKey: string
  /** The port `npx imtahan serve` will listen on (PORT, else its default). */
  readonly port: number
}

const table = (rows: readonly (readonly string[])[]): string[] => {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)))
  return rows.map((row) =>
    row
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join('  '),
  )
}

export const renderSummary = (run: DemoRun, summary: DemoSummary, look: LookAt): string => {
  const { money, review } = summary
  const first = run.candidates[0]!
  const last = run.candidates.at(-1)!
  const removed = run.candidates.filter((c) => c.fate === 'removed').length
  const warned = run.candidates.filter((c) => c.fate === 'warned').length
  const balanced = money.paidIn - money.fees === money.balances
  const sat = summary.byGroup.reduce((sum, g) => sum + g.sat, 0)
  const passed = summary.byGroup.reduce((sum, g) => sum + g.passed, 0)
  const lines = [
    `Sitting ${summary.examId}: starts ${run.startsAt.toISOString()}, results published ${summary.publishedAt.toISOString()}`,
    '',
    `Cabinets       ${summary.cabinets} registered and completed: ${first.fin}…${last.fin} (dev registry), password Demo-<nnnn>-parol`,
    `Money          paid in ${manat(money.paidIn)} · registration fees ${manat(money.fees)} (${summary.registered} × ${DEMO_FEE}) · left on accounts ${manat(money.balances)} ${balanced ? '(= paid in − fees ✓)' : '(≠ paid in − fees ✗)'}`,
    `Registrations  ${summary.registered} registered, ${summary.refusedForMoney} refused (not enough money, nothing charged)`,
    `Exam day       ${summary.results} sat · ${summary.absent} absent · ${summary.notAdmitted} not admitted (late or no original document) · ${warned} warned · ${removed} removed (annulled) · ${summary.timeUp} worked until the time was up`,
    '',
    `Results per group (after the review; pass ⇔ score ≥ the subgroup's pass mark)`,
    ...table([
      ['group', 'sat', 'passed', 'pass rate', 'annulled', 'mean score'],
      ...summary.byGroup.map((g) => [
        g.group,
        String(g.sat),
        String(g.passed),
        percent(g.passed, g.sat - g.annulled),
        String(g.annulled),
        `${g.meanScore.toFixed(1)} / ${g.maxPoints}`,
      ]),
      [
        'all',
        String(sat),
        String(passed),
        percent(passed, summary.results - summary.byGroup.reduce((n, g) => n + g.annulled, 0)),
        '',
        '',
      ],
    ]).map((line) => `  ${line}`),
    '',
    `Expert review  task ${review.taskId} counts as right for everyone (credit_to_all): "${review.reason}"`,
    `               dry run: ${review.dryRunChanges} results change, ${review.dryRunFlips} flip fail → pass; recorded: ${review.revised} results re-scored (ScoreRevised)`,
    ...review.flips.slice(0, MAX_FLIPS_SHOWN).map((flip) => {
      const who = run.candidates.find((c) => c.sessionId === flip.sessionId)
      return `               ${who?.fin ?? flip.sessionId} (${who?.subgroup ?? '?'}): ${flip.oldScore} → ${flip.newScore}, pass mark ${flip.passMark}: now passes`
    }),
    ...(review.flips.length > MAX_FLIPS_SHOWN
      ? [`               … and ${review.flips.length - MAX_FLIPS_SHOWN} more`]
      : []),
    '',
    ...lookAt(run, look),
  ]
  return `${lines.join('\n')}\n`
}

const baseUrlOf = (look: LookAt) => `http://127.0.0.1:${look.port}`

type AuditOutcome = {
  readonly ok: boolean
  readonly checks: ReadonlyArray<{ readonly name: string; readonly ok: boolean; readonly skipped?: unknown }>
}

/** `imtahan demo --json`: the summary (amounts in manat as strings), the audit and how to serve the data. */
export const demoJson = (run: DemoRun, summary: DemoSummary, audit: AuditOutcome, look: LookAt): string =>
  JSON.stringify(
    {
      examId: run.examId,
      startsAt: run.startsAt,
      publishedAt: run.publishedAt,
      candidates: run.candidates.length,
      summary: {
        ...summary,
        money: {
          paidIn: Money.format(Money.fromQepik(summary.money.paidIn)),
          fees: Money.format(Money.fromQepik(summary.money.fees)),
          balances: Money.format(Money.fromQepik(summary.money.balances)),
        },
      },
      audit: {
        ok: audit.ok,
        checks: audit.checks.map((c) => ({
          name: c.name,
          result: c.skipped !== undefined ? 'skipped' : c.ok ? 'passed' : 'failed',
        })),
      },
      serve:
        look.serveArgs === undefined
          ? null
          : {
              command: `IMTAHAN_API_KEY_BOARD=${look.boardKey} npx imtahan serve ${look.serveArgs}`,
              url: baseUrlOf(look),
              boardKey: look.boardKey,
            },
      phases: run.phases,
    },
    (_key, value) => (typeof value === 'bigint' ? value.toString() : value),
    2,
  )

const lookAt = (run: DemoRun, look: LookAt): string[] => {
  if (look.serveArgs === undefined)
    return [
      'The memory store is gone now; run `npx imtahan demo --data-dir <dir>` to keep the data and serve it.',
    ]
  const base = baseUrlOf(look)
  const candidate = run.candidates.find((c) => c.admitted && c.fate === 'sits') ?? run.candidates[0]!
  return [
    'Look at it',
    `  IMTAHAN_API_KEY_BOARD=${look.boardKey} npx imtahan serve ${look.serveArgs}`.trimEnd(),
    `  curl -s -H 'X-Api-Key: ${look.boardKey}' ${base}/board/sittings/${run.examId}`,
    `  curl -s -H 'X-Api-Key: ${look.boardKey}' ${base}/board/sittings`,
    `  # as candidate ${candidate.fin} (cabinet ${candidate.cabinetNumber}):`,
    `  TOKEN=$(curl -s ${base}/session -H 'Content-Type: application/json' -d '{"login":"${candidate.cabinetNumber}","password":"${candidate.password}"}' | sed 's/.*"token":"\\([^"]*\\)".*/\\1/')`,
    `  curl -s -H "Authorization: Bearer $TOKEN" ${base}/me/exams/${run.examId}/result`,
    `  API docs: ${base}/docs`,
  ]
}
