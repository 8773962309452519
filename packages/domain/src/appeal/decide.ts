import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { recordable } from '../kernel/recordable.js'
import type { AppealCommand } from './commands.js'
import { rejectAppeal, upholdAppeal } from './commission.js'
import type { AppealContext } from './context.js'
import { fileAppealCourtCase, recordAppealCourtRuling } from './court.js'
import type { Decision } from './decision.js'
import { AppealEvent } from './events.js'
import { fileAppeal } from './filing.js'
import type { AppealState } from './state.js'

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

/** A command for another appeal is refused; the rest go to filing, commission or court rules, and nothing is recorded that its codec would refuse. */
export const decideAppeal = (
  command: AppealCommand,
  state: AppealState,
  context: AppealContext,
): Decision => {
  if (state.appealId !== undefined && command.appealId !== state.appealId)
    return E.left({
      code: 'appeal.wrong_appeal',
      message: `This command names appeal ${command.appealId}, but the stream holds ${state.appealId}.`,
    })
  return pipe(route(command, state, context), E.chain(isRecordable))
}
