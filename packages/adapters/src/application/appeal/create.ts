import { type AppealEvent, appealProcess, type Blueprint, type BusinessCalendar } from '@imtahan/domain'
import type { AppealOptions } from '../shared/deps.js'
import type { Env } from '../shared/env.js'
import type { ProcessDefinition } from '../shared/process-registry.js'
import type { AppealUseCases } from './api.js'
import { candidateUseCases } from './candidate.js'
import { commissionUseCases } from './commission.js'
import { createAppealEnv, type SessionStep } from './env.js'

/** APL-4/APL-5: an upheld appeal or a court ruling that changes the result → the session's re-score. */
export const appealRescore: ProcessDefinition = {
  name: 'appeal re-score',
  triggers: new Set(['AppealUpheld', 'AppealCourtRulingRecorded']),
  stepsFor: (event) => appealProcess(event as AppealEvent),
}

/**
 * The appeal part of the application: use cases by role (its view is in view.ts).
 * Its process (`appealRescore`) is run by the application's one registry;
 * `runSessionStep` is that registry's, so a decision re-scores at once.
 */
export const createAppeals = (
  env: Env,
  runSessionStep: SessionStep,
  options: AppealOptions & { readonly blueprint?: Blueprint; readonly calendar?: BusinessCalendar } = {},
) => {
  const appeals = createAppealEnv(env, runSessionStep, options)
  const useCases: AppealUseCases = {
    candidate: candidateUseCases(appeals),
    commission: commissionUseCases(appeals),
  }
  return { useCases }
}

export type Appeals = ReturnType<typeof createAppeals>
