import {
  type AppealCommand,
  type AppealFiled,
  type AppealState,
  appealRevisionIdOf,
  type DomainError,
  decodeWith,
  domainError,
  FileAppealCourtCase,
  RecordAppealCourtRuling,
  RejectAppeal,
  type ToSession,
  UpholdAppeal,
} from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import type { Call } from '../shared/caller.js'
import type { Result } from '../shared/result.js'
import { APPEAL } from '../shared/streams.js'
import type { AppealCommissionUseCases, CommissionAppealView, DecisionAnswer, RescoreStatus } from './api.js'
import { asCommission, correctionsOf, loadAppeal } from './common.js'
import type { AppealEnv } from './env.js'
import { commissionOrder, commissionView } from './rows.js'
import { appealRevisionsOf } from './session.js'

const STATUSES = new Set(['open', 'rejected', 'upheld'])

/** Only an upheld appeal or a court ruling changes a result; the others need no session read. */
const mayHaveRevisions = (state: AppealState): boolean =>
  state.status === 'upheld' || state.ruling?.outcome === 'result_changed'

const viewOf = async (appeals: AppealEnv, state: AppealState): Promise<CommissionAppealView> =>
  commissionView(
    state,
    mayHaveRevisions(state) ? await appealRevisionsOf(appeals, (state.filed as AppealFiled).sessionId) : [],
  )

/**
 * Carries out the session's re-score right away so the commission sees the
 * new score in its answer. A failure here is not the decision's failure: the
 * decision is recorded, and the process runner delivers the same command
 * (derived id `appeal:<appealId>:commission|court`) from the log.
 */
const rescoreNow = async (appeals: AppealEnv, actions: readonly ToSession[]): Promise<boolean> => {
  let complete = true
  for (const action of actions)
    try {
      await appeals.runSessionStep(action)
    } catch (error) {
      complete = false
      const name = error instanceof Error ? error.name : typeof error
      appeals.logger?.warn(
        { error: name, step: action.command.type },
        'appeal re-score deferred to the process runner',
      )
    }
  return complete
}

const rescoreOf = (
  view: CommissionAppealView,
  wanted: string | undefined,
  complete: boolean,
): RescoreStatus => {
  if (wanted === undefined) return 'none'
  if (view.revisions.some((revision) => revision.revisionId === wanted)) return 'done'
  return complete ? 'unchanged' : 'pending'
}

/**
 * One commission or court command on an existing appeal: decode, decide,
 * append, then re-score the session if the decision calls for it. A repeat
 * of a recorded decision records nothing and re-drives the re-score (which
 * the session records at most once), so a retry after a crash heals.
 */
const decide = async (
  appeals: AppealEnv,
  appealId: string,
  command: E.Either<DomainError, AppealCommand>,
  call: Call,
  wanted: (state: AppealState) => string | undefined,
): Result<DecisionAnswer> => {
  const allowed = asCommission(call)
  if (E.isLeft(allowed)) return allowed
  if (E.isLeft(command)) return command
  const existing = await loadAppeal(appeals, appealId)
  if (E.isLeft(existing)) return existing
  const context = { now: appeals.clock.now(), calendar: await appeals.calendar() }
  const done = await appeals.run(APPEAL, appealId, command.right, context, { call })
  if (E.isLeft(done)) return done
  const after = await loadAppeal(appeals, appealId)
  if (E.isLeft(after)) return after
  const complete = await rescoreNow(appeals, correctionsOf(after.right))
  const view = await viewOf(appeals, after.right)
  return E.right({ ...view, rescore: rescoreOf(view, wanted(after.right), complete) })
}

const upheldRevision = (state: AppealState) =>
  state.status === 'upheld' && state.appealId !== undefined
    ? appealRevisionIdOf(state.appealId, 'commission')
    : undefined
const courtRevision = (state: AppealState) =>
  state.ruling?.outcome === 'result_changed' && state.appealId !== undefined
    ? appealRevisionIdOf(state.appealId, 'court')
    : undefined

export const commissionUseCases = (appeals: AppealEnv): AppealCommissionUseCases => ({
  list: async (input, call) => {
    const allowed = asCommission(call)
    if (E.isLeft(allowed)) return allowed
    const { status, examId } = input
    if (status !== undefined && !(typeof status === 'string' && STATUSES.has(status)))
      return E.left(
        domainError('validation.invalid_input', 'Invalid input: status is one of open, rejected, upheld.', {
          problems: ['status: one of open, rejected, upheld'],
        }),
      )
    await appeals.view.catchUp()
    const listed = (await appeals.view.appeals())
      .filter((state) => state.filed !== undefined)
      .filter((state) => status === undefined || state.status === status)
      .filter((state) => examId === undefined || state.filed?.examId === examId)
      .sort(commissionOrder)
    const views: CommissionAppealView[] = []
    for (const appeal of listed) views.push(await viewOf(appeals, appeal))
    return E.right(views)
  },
  get: async (appealId, call) => {
    const allowed = asCommission(call)
    if (E.isLeft(allowed)) return allowed
    const loaded = await loadAppeal(appeals, appealId)
    return E.isLeft(loaded) ? loaded : E.right(await viewOf(appeals, loaded.right))
  },
  reject: (appealId, input, call) =>
    decide(
      appeals,
      appealId,
      decodeWith(RejectAppeal)({
        type: 'RejectAppeal',
        appealId,
        reasons: input.reasons,
        decidedBy: input.by,
      }),
      call,
      () => undefined,
    ),
  uphold: (appealId, input, call) =>
    decide(
      appeals,
      appealId,
      decodeWith(UpholdAppeal)({
        type: 'UpholdAppeal',
        appealId,
        corrections: input.corrections,
        reasons: input.reasons,
        decidedBy: input.by,
      }),
      call,
      upheldRevision,
    ),
  fileCourtCase: (appealId, input, call) =>
    decide(
      appeals,
      appealId,
      decodeWith(FileAppealCourtCase)({
        type: 'FileAppealCourtCase',
        appealId,
        caseReference: input.caseReference,
        recordedBy: input.by,
      }),
      call,
      () => undefined,
    ),
  recordCourtRuling: (appealId, input, call) =>
    decide(
      appeals,
      appealId,
      decodeWith(RecordAppealCourtRuling)({
        type: 'RecordAppealCourtRuling',
        appealId,
        outcome: input.outcome,
        corrections: input.corrections ?? [],
        rulingReference: input.rulingReference,
        recordedBy: input.by,
      }),
      call,
      courtRevision,
    ),
})
