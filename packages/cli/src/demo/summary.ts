import { DEFAULT_BLUEPRINT, GROUPS, type GroupCode, groupOf, Money } from '@imtahan/domain'
import type { DemoRun } from './seed.js'
import { asCabinet, board, type DemoPorts, must } from './steps.js'

export type GroupResult = {
  readonly group: GroupCode
  readonly sat: number
  readonly passed: number
  readonly annulled: number
  readonly meanScore: number
  readonly maxPoints: number
}

/** What the demo left in the store, read back through the facade (the board's view and each account). */
export type DemoSummary = {
  readonly examId: string
  readonly cabinets: number
  /** Qəpik (1/100 manat), to add up exactly. */
  readonly money: { readonly paidIn: bigint; readonly fees: bigint; readonly balances: bigint }
  readonly registered: number
  readonly refusedForMoney: number
  readonly absent: number
  readonly notAdmitted: number
  readonly results: number
  readonly byGroup: readonly GroupResult[]
  readonly timeUp: number
  readonly review: {
    readonly taskId: string
    readonly reason: string
    readonly dryRunChanges: number
    readonly dryRunFlips: number
    readonly revised: number
    readonly flips: ReadonlyArray<{
      readonly sessionId: string
      readonly oldScore: number
      readonly newScore: number
      readonly passMark: number
    }>
  }
  readonly publishedAt: Date
}

export const summarise = async ({ app }: DemoPorts, run: DemoRun): Promise<DemoSummary> => {
  const sitting = must('the board reads the sitting', await app.exams.board.sitting(run.examId, board))
  let paidIn = 0n
  let fees = 0n
  let balances = 0n
  for (const candidate of run.candidates) {
    const statement = must(
      `${candidate.fin} reads the account`,
      await app.accounts.statement(candidate.cabinetId, asCabinet(candidate.cabinetId)),
    )
    paidIn += statement.topUps.reduce((sum, line) => sum + Money.toQepik(line.amount), 0n)
    fees += statement.spendings.reduce((sum, line) => sum + Money.toQepik(line.amount), 0n)
    balances += Money.toQepik(statement.balance)
  }
  const ended = sitting.results.filter((row) => row.ended)
  const byGroup = GROUPS.map((group): GroupResult => {
    const rows = ended.filter((row) => groupOf(row.subgroup) === group)
    const counted = rows.filter((row) => row.annulled !== true)
    return {
      group,
      sat: rows.length,
      passed: counted.filter((row) => row.passed === true).length,
      annulled: rows.length - counted.length,
      meanScore:
        counted.length === 0 ? 0 : counted.reduce((sum, row) => sum + (row.score ?? 0), 0) / counted.length,
      maxPoints: DEFAULT_BLUEPRINT.groups[group].maxPoints,
    }
  })
  const flips = ended.flatMap((row) => {
    const revision = row.revisions.find((r) => r.reviewId === run.review.reviewId)
    const passMark = row.passMark ?? 0
    return revision !== undefined && revision.oldScore < passMark && revision.newScore >= passMark
      ? [{ sessionId: row.sessionId, oldScore: revision.oldScore, newScore: revision.newScore, passMark }]
      : []
  })
  const registered = run.candidates.filter((c) => c.sessionId !== undefined)
  return {
    examId: run.examId,
    cabinets: run.candidates.length,
    money: { paidIn, fees, balances },
    registered: registered.length,
    refusedForMoney: run.candidates.length - registered.length,
    absent: registered.filter((c) => c.fate === 'absent').length,
    notAdmitted: registered.filter((c) => c.fate !== 'absent' && !c.admitted).length,
    results: ended.length,
    byGroup,
    timeUp: ended.filter((row) => row.endReason === 'time_up').length,
    review: {
      taskId: run.review.taskId,
      reason: run.review.reason,
      dryRunChanges: run.review.dryRun.changes.length,
      dryRunFlips: run.review.dryRun.flips.length,
      revised: sitting.results.filter((row) => row.revisions.some((r) => r.reviewId === run.review.reviewId))
        .length,
      flips,
    },
    publishedAt: run.publishedAt,
  }
}
