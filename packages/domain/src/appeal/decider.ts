import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import type { Decider } from '../kernel/decider.js'
import { recordable } from '../kernel/recordable.js'
import type { AppealCommand } from './commands.js'
import { rejectAppeal, upholdAppeal } from './commission.js'
import type { AppealContext } from './context.js'
import { fileAppealCourtCase, recordAppealCourtRuling } from './court.js'
import type { Decision } from './decision.js'
import { AppealEvent } from './events.js'
import { fileAppeal } from './filing.js'
import { type AppealState, evolveAppeal, initialAppealState } from './state.js'

const isRecordable = recordable('appeal', AppealEvent.types)

const route = (command: AppealCommand, state: AppealState, context: AppealContext): Decision => {
  switch (command.type) {
    case 'FileAppeal':
      return fileAppeal(command, state, context)
    case 'RejectAppeal':
      return rejectAppeal(command, state, context)
    case 'UpholdAppeal':
      return upholdAppeal(command, state, context)
    case 'FileAppealCourtCase':
      return fileAppealCourtCase(command, state, context)
    case 'RecordAppealCourtRuling':
      return recordAppealCourtRuling(command, state, context)
  }
}

/**
 * The Appeal aggregate (APL-2…APL-6): one appeal of one session's result,
 * stream `appeal-<appealId>` with the derived id `<sessionId>:appeal-<n>`
 * (ids.ts explains why that keeps one appeal open at a time). Time, the
 * calendar, the session and its earlier appeals arrive in `AppealContext`.
 */
export const appealDecider: Decider<AppealCommand, AppealEvent, AppealState, AppealContext> = {
  initialState: initialAppealState,
  decide: (command, state, context) => {
    if (state.appealId !== undefined && command.appealId !== state.appealId)
      return E.left({
        code: 'appeal.wrong_appeal',
        message: `This command names appeal ${command.appealId}, but the stream holds ${state.appealId}.`,
      })
    return pipe(route(command, state, context), E.chain(isRecordable))
  },
  evolve: evolveAppeal,
}
