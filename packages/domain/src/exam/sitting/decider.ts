import type { Decider } from '../../kernel/decider.js'
import type { ExamCommand } from './commands.js'
import type { ExamContext } from './context.js'
import { decideExam } from './decide.js'
import type { ExamEvent } from './events.js'
import { type ExamState, evolveExam, initialExamState } from './state.js'

/**
 * The Exam aggregate: one sitting (stream `exam-<examId>`). It holds the
 * board-only data — forms with their keys, expert reviews, annulment
 * decisions — and serialises seat allocation. Candidates' timelines live in
 * their own ExamSession streams.
 */
export const examDecider: Decider<ExamCommand, ExamEvent, ExamState, ExamContext> = {
  initialState: initialExamState,
  decide: decideExam,
  evolve: evolveExam,
}
