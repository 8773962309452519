import type { RecordedRevision } from './apply.js'
import type { PlanFinding, RescorePlan, SessionChange } from './plan.js'

const verdict = (passed: boolean) => (passed ? 'PASS' : 'FAIL')

/** SCO-4/SCO-6: the outcome column — a flip shown as one, an annulled result never as PASS. */
const outcome = (change: Pick<SessionChange, 'annulled' | 'oldPassed' | 'newPassed'>) =>
  change.annulled
    ? 'ANNULLED, never passes (SCO-6)'
    : change.oldPassed === change.newPassed
      ? verdict(change.newPassed)
      : `${verdict(change.oldPassed)} → ${verdict(change.newPassed)}`

const changeLine = (change: SessionChange) => {
  const causes = change.steps
    .map((step) => `${step.reviewId} ${step.oldScore}→${step.newScore} "${step.reason}"`)
    .join('; ')
  return `  ${change.sessionId}  ${change.subgroup.padEnd(4)} ${`${change.oldScore} → ${change.newScore}`.padEnd(10)} ${outcome(change).padEnd(12)}  by ${causes}\n`
}

const findingLine = (finding: PlanFinding) =>
  `  [${finding.rule} ${finding.problem}] ${finding.sessionId}, review ${finding.reviewId}: ${finding.message}${
    finding.problem === 'not-reached' ? '' : ' — not written'
  }\n`

const findingsText = (findings: readonly PlanFinding[]) =>
  findings.length === 0 ? '' : `\nfindings (${findings.length}):\n${findings.map(findingLine).join('')}`

const sittingsText = (plan: RescorePlan) =>
  plan.sittings
    .map(
      (sitting) =>
        `sitting ${sitting.examId}: ${sitting.reviews} review(s), ${sitting.sessions} finished session(s)\n`,
    )
    .join('')

const totalsText = (plan: RescorePlan) => {
  const t = plan.totals
  return `totals: sessions checked ${t.sessionsChecked} · would change ${t.changes} (pass/fail flips ${t.flips}, annulled ${t.annulled}) · revisions ${t.revisions} · findings ${t.findings}\n`
}

/** The dry run: every session that would change, why, and the totals. */
export const dryRunText = (where: string, plan: RescorePlan): string => {
  const head = `imtahan rescore — dry run, nothing written · ${where}\n${sittingsText(plan)}`
  const body =
    plan.changes.length === 0
      ? '\nnothing would change: every finished result stands under every recorded review.\n'
      : `\nwould change (${plan.changes.length}):\n${plan.changes.map(changeLine).join('')}`
  const next = plan.changes.length === 0 ? '' : '\nrun again with --apply to record these revisions.\n'
  return `${head}${body}${findingsText(plan.findings)}\n${totalsText(plan)}${next}`
}

const recordedLine = (revision: RecordedRevision) =>
  `  ${revision.sessionId}  ${revision.reviewId}  ${`${revision.oldScore} → ${revision.newScore}`.padEnd(10)} ${outcome({ annulled: false, ...revision }).padEnd(12)}  "${revision.reason}"  (${revision.streamId}@${revision.revision})\n`

/** `--apply`: what landed, what is still left (if anything), the findings not written. */
export const applyText = (input: {
  readonly where: string
  readonly before: RescorePlan
  /** What the re-score path says this run recorded (unknown when it stopped half-way). */
  readonly revised: number | undefined
  readonly recorded: readonly RecordedRevision[]
  readonly left: RescorePlan | undefined
  readonly interrupted: string | undefined
}): string => {
  const { before, recorded, left } = input
  const lines = [`imtahan rescore --apply · ${input.where}\n${sittingsText(before)}`]
  if (input.revised === 0)
    lines.push('\nrecorded nothing: no result needed a revision (or an earlier run recorded them).\n')
  else if (input.revised !== undefined) lines.push(`\nrecorded ${input.revised} revision(s).\n`)
  // Read back from the log, so this is what landed, whoever wrote it (a server re-scoring beside this run too).
  if (recorded.length > 0)
    lines.push(
      `\nrevisions in the log since the plan was read (${recorded.length}):\n${recorded.map(recordedLine).join('')}`,
    )
  if (input.interrupted !== undefined)
    lines.push(
      `\nINTERRUPTED: ${input.interrupted}\nwhat was recorded stands (a revision sent just before the failure may land after this list was read); run the same command again to finish — nothing is recorded twice.\n`,
    )
  else if (left !== undefined && left.changes.length > 0)
    lines.push(`\nstill to re-score (${left.changes.length}):\n${left.changes.map(changeLine).join('')}`)
  lines.push(findingsText(left?.findings ?? before.findings))
  return lines.join('')
}
