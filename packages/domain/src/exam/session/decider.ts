import type { Decider } from '../../kernel/decider.js'
import type { SessionCommand } from './commands.js'
import type { SessionContext } from './context.js'
import { decideSession } from './decide.js'
import type { SessionEvent } from './events.js'
import { evolveSession, initialSessionState, type SessionState } from './state.js'

/**
 * The ExamSession aggregate: one candidate in one sitting, stream
 * `examsession-<examId>.<cabinetId>` (see streams.ts). Time and the sitting
 * (forms, key, reviews, timing) arrive in `SessionContext`.
 */
export const examSessionDecider: Decider<SessionCommand, SessionEvent, SessionState, SessionContext> = {
  initialState: initialSessionState,
  decide: decideSession,
  evolve: evolveSession,
}
