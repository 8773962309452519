import type { Decider } from '../kernel/decider.js'
import type { AppealCommand } from './commands.js'
import type { AppealContext } from './context.js'
import { decideAppeal } from './decide.js'
import type { AppealEvent } from './events.js'
import { type AppealState, evolveAppeal, initialAppealState } from './state.js'

/**
 * The Appeal aggregate (APL-2…APL-6): one appeal of one session's result,
 * stream `appeal-<appealId>` with the derived id `<sessionId>:appeal-<n>`
 * (ids.ts explains why that keeps one appeal open at a time). Time, the
 * calendar, the session and its earlier appeals arrive in `AppealContext`.
 */
export const appealDecider: Decider<AppealCommand, AppealEvent, AppealState, AppealContext> = {
  initialState: initialAppealState,
  decide: decideAppeal,
  evolve: evolveAppeal,
}
