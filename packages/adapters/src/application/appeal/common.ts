import {
  type AppealEvent,
  type AppealState,
  appealProcess,
  type DomainError,
  domainError,
  parseAppealId,
  type ToSession,
} from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import type { Call } from '../shared/caller.js'
import type { Result } from '../shared/result.js'
import { APPEAL } from '../shared/streams.js'
import type { AppealEnv } from './env.js'

/** One answer for "no such appeal" and "not yours": a stranger learns nothing about another person's result. */
export const appealNotFound = (appealId: string): DomainError =>
  domainError('appeal.not_found', `There is no appeal ${appealId}.`, { appealId })

/** An appeal by id, from its stream (the authority); ids that were not derived are simply unknown. */
export const loadAppeal = async (appeals: AppealEnv, appealId: string): Result<AppealState> => {
  if (parseAppealId(appealId) === undefined) return E.left(appealNotFound(appealId))
  const { state } = await appeals.load(APPEAL, appealId)
  return state.status === 'none' ? E.left(appealNotFound(appealId)) : E.right(state)
}

/** RULES.md §5: the appeals commission decides appeals; nobody else reaches these use cases. */
export const asCommission = (call: Call): E.Either<DomainError, void> =>
  call.caller.kind === 'commission'
    ? E.right(undefined)
    : E.left(domainError('auth.forbidden', 'This is for the appeals commission.'))

/** RULES.md §5: a candidate acts on their own cabinet only. */
export const asCandidate = (call: Call, cabinetId: string): E.Either<DomainError, void> =>
  call.caller.kind === 'cabinet' && call.caller.cabinetId === cabinetId.toLowerCase()
    ? E.right(undefined)
    : E.left(domainError('auth.forbidden', 'You can act only on your own cabinet.'))

/** The session commands an appeal's recorded decisions call for (idempotent: derived ids, see appealProcess). */
export const correctionsOf = (state: AppealState): readonly ToSession[] =>
  [state.decision, state.ruling].flatMap((event) =>
    event === undefined ? [] : appealProcess(event as AppealEvent),
  )
