import { type AppealEvent, appealProcess, type Blueprint, type BusinessCalendar } from '@imtahan/domain'
import type { Subscription } from '../../store/port.js'
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
 * The appeal part of the application: use cases by role and the live view.
 * Its process (`appealRescore`) is run by the application's one registry;
 * `runSessionStep` is that registry's, so a decision re-scores at once.
 */
export const createAppeals = (
  env: Env,
  runSessionStep: SessionStep,
  options: AppealOptions & { readonly blueprint?: Blueprint; readonly calendar?: BusinessCalendar } = {},
) => {
  const appeals = createAppealEnv(env, runSessionStep, options)
  let live: Subscription | undefined
  const useCases: AppealUseCases = {
    candidate: candidateUseCases(appeals),
    commission: commissionUseCases(appeals),
  }
  return {
    useCases,
    catchUp: () => appeals.view.catchUp(),
    start: async (onError: (error: unknown) => void) => {
      live ??= await appeals.view.follow(onError)
    },
    stop: async () => {
      const stopping = live
      live = undefined
      await stopping?.stop()
    },
  }
}

export type Appeals = ReturnType<typeof createAppeals>
