import {
  type AppealEvent,
  appealProcess,
  type Blueprint,
  type BusinessCalendar,
  type ToSession,
} from '@imtahan/domain'
import { decodeRecorded } from '../../command/codec.js'
import type { RecordedEvent, Subscription } from '../../store/port.js'
import type { Env } from '../shared/env.js'
import type { AppealUseCases } from './api.js'
import { candidateUseCases } from './candidate.js'
import { commissionUseCases } from './commission.js'
import { type AppealOptions, createAppealEnv, type SessionDispatch } from './env.js'
import { APPEAL, isAppealStream } from './streams.js'

/** The appeal events a process reacts to (APL-4/APL-5); nothing else is decoded. */
const TRIGGERS = new Set(['AppealUpheld', 'AppealCourtRulingRecorded'])

/**
 * The appeal part of the application: use cases by role, the reaction the
 * process runner calls for appeal events (`appealProcess` → the session's
 * re-score, delivered by the exam part), and the live view.
 */
export const createAppeals = (
  env: Env,
  dispatch: SessionDispatch,
  options: AppealOptions & { readonly blueprint?: Blueprint; readonly calendar?: BusinessCalendar } = {},
) => {
  const x = createAppealEnv(env, dispatch, options)
  let live: Subscription | undefined
  const useCases: AppealUseCases = { candidate: candidateUseCases(x), commission: commissionUseCases(x) }
  return {
    useCases,
    /** For the process runner: the session commands a stored appeal event calls for. */
    react: (event: RecordedEvent): readonly ToSession[] =>
      TRIGGERS.has(event.type) && isAppealStream(event.streamId)
        ? appealProcess(decodeRecorded(APPEAL.codec, event) as AppealEvent)
        : [],
    catchUp: () => x.view.catchUp(),
    start: async (onError: (error: unknown) => void) => {
      live ??= await x.view.follow(onError)
    },
    stop: async () => {
      const stopping = live
      live = undefined
      await stopping?.stop()
    },
  }
}

export type Appeals = ReturnType<typeof createAppeals>
