import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import type { DomainError } from '../../kernel/errors.js'
import { recordable } from '../../kernel/recordable.js'
import type { ExamCommand } from './commands.js'
import type { ExamContext } from './context.js'
import { decideAnnulment, publishResults } from './decisions.js'
import { defineExam } from './define.js'
import { ExamEvent } from './events.js'
import { recordExpertReview } from './reviews.js'
import { allocateSeat, releaseSeat } from './seats.js'
import type { ExamState } from './state.js'

const isRecordable = recordable('exam', ExamEvent.types)

/** Sends each command of a sitting to the rules of its meaning; nothing is recorded that its codec would refuse. */
export const decideExam = (
  command: ExamCommand,
  state: ExamState,
  context: ExamContext,
): E.Either<DomainError, readonly ExamEvent[]> => {
  const decision = (() => {
    switch (command.type) {
      case 'DefineExam':
        return defineExam(command, state, context)
      case 'AllocateSeat':
        return allocateSeat(command, state, context)
      case 'ReleaseSeat':
        return releaseSeat(command, state, context)
      case 'RecordExpertReview':
        return recordExpertReview(command, state, context)
      case 'DecideAnnulment':
        return decideAnnulment(command, state, context)
      case 'PublishResults':
        return publishResults(command, state, context)
    }
  })()
  return pipe(decision, E.chain(isRecordable))
}
