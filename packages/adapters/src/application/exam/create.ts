import type { AppealCalendar } from '@imtahan/domain'
import { DEFAULT_DEADLINE_TICK_MS } from '../shared/deps.js'
import type { FollowUps } from '../shared/process-registry.js'
import type { ExamUseCases } from './api.js'
import { boardUseCases } from './board.js'
import { candidateUseCases } from './candidate.js'
import { closeDueSessions, startDeadlineScheduler } from './deadline.js'
import type { ExamEnv } from './env.js'
import { staffUseCases } from './staff.js'

/**
 * The exam part of the application: use cases by role and the live parts
 * (the deadline scheduler; its results view is in results-view.ts). Its processes and their
 * steps are in processes.ts, run by the application's one registry.
 */
export const createExams = (
  exam: ExamEnv,
  followUps: FollowUps,
  deadlineTickMs = DEFAULT_DEADLINE_TICK_MS,
  /** CAL-3: publication is refused when this calendar cannot count the results' appeal window. */
  appealCalendar?: () => Promise<AppealCalendar>,
) => {
  const tick = () => closeDueSessions(exam, (step) => followUps.runStep(step, { answers: false }))
  const useCases: ExamUseCases = {
    board: boardUseCases(exam, followUps, appealCalendar),
    staff: staffUseCases(exam, followUps),
    candidate: candidateUseCases(exam, followUps),
    closeDueSessions: tick,
  }
  return {
    useCases,
    /** EXM-16's scheduler; `start()` runs it under a lease, so one process closes due sessions. */
    startScheduler: async () => startDeadlineScheduler(exam, tick, deadlineTickMs),
  }
}

export type Exams = ReturnType<typeof createExams>
