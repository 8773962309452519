import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import type { Decider } from '../../kernel/decider.js'
import { recordable } from '../../kernel/recordable.js'
import type { ExamCommand } from './commands.js'
import type { ExamContext } from './context.js'
import { decideAnnulment, publishResults } from './decisions.js'
import { defineExam } from './define.js'
import { ExamEvent } from './events.js'
import { recordExpertReview } from './reviews.js'
import { allocateSeat, releaseSeat } from './seats.js'
import { type ExamState, evolveExam, initialExamState } from './state.js'

const isRecordable = recordable('exam', ExamEvent.types)

/**
 * The Exam aggregate: one sitting (stream `exam-<examId>`). It holds the
 * board-only data — forms with their keys, expert reviews, annulment
 * decisions — and serialises seat allocation. Candidates' timelines live in
 * their own ExamSession streams.
 */
export const examDecider: Decider<ExamCommand, ExamEvent, ExamState, ExamContext> = {
  initialState: initialExamState,
  decide: (command, state, context) => {
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
  },
  evolve: evolveExam,
}
