import type { AppealCalendar, Blueprint } from '@imtahan/domain'
import type { Env } from '../app/env.js'
import type { RecordedEvent, Subscription } from '../store/port.js'
import type { ExamUseCases } from './api.js'
import { boardUseCases } from './board.js'
import { candidateUseCases } from './candidate.js'
import { closeDueSessions, startDeadlineScheduler } from './deadline.js'
import { createExamEnv } from './env.js'
import {
  dispatchExam,
  driveExam,
  type ExamAction,
  type ExamFact,
  examFactOf,
  reactToExamFact,
} from './processes.js'
import { rescoreSitting } from './rescore.js'
import { staffUseCases } from './staff.js'

export type ExamOptions = {
  readonly blueprint?: Blueprint
  /** How often the deadline scheduler looks for sessions past their deadline (EXM-16). */
  readonly deadlineTickMs?: number
  /** CAL-3: publication is refused when this calendar cannot count the results' appeal window. */
  readonly appealCalendar?: () => Promise<AppealCalendar>
}

export const DEFAULT_DEADLINE_TICK_MS = 5_000

/**
 * The exam part of the application: use cases by role, the reactions the
 * process runner calls for exam facts, and the live parts (`start`: results
 * view and deadline scheduler).
 */
export const createExams = (env: Env, options: ExamOptions = {}) => {
  const x = createExamEnv(env, options.blueprint)
  const rescore = (examId: string, reviewId: string, causationId?: string) =>
    rescoreSitting(x, examId, reviewId, causationId)
  const dispatch = (action: ExamAction, causationId?: string) => dispatchExam(x, rescore, action, causationId)
  const drive = (facts: readonly ExamFact[]) => driveExam(x, rescore, facts)
  const tick = () => closeDueSessions(x, (action) => dispatch(action))
  let live: Subscription[] = []
  const useCases: ExamUseCases = {
    board: boardUseCases(x, drive, rescore, options.appealCalendar),
    staff: staffUseCases(x, drive),
    candidate: candidateUseCases(x, drive),
    closeDueSessions: tick,
  }
  return {
    useCases,
    /** For the process runner: the exam actions a stored event sets going. */
    react: (event: RecordedEvent): readonly ExamAction[] => {
      const fact = examFactOf(event)
      return fact === undefined ? [] : reactToExamFact(fact)
    },
    dispatch: async (action: ExamAction, causationId?: string): Promise<void> =>
      void (await dispatch(action, causationId)),
    catchUp: () => x.results.catchUp(),
    start: async (onError: (error: unknown) => void) => {
      if (live.length > 0) return
      const scheduler = startDeadlineScheduler(x, tick, options.deadlineTickMs ?? DEFAULT_DEADLINE_TICK_MS)
      live = [await x.results.follow(onError), scheduler]
    },
    stop: async () => {
      const stopping = live
      live = []
      await Promise.all(stopping.map((part) => part.stop()))
    },
  }
}

export type Exams = ReturnType<typeof createExams>
