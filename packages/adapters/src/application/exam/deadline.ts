import { deadlineProcess, type ToSession } from '@imtahan/domain'
import type { ExamEnv } from './env.js'

type Dispatch = (step: ToSession) => Promise<unknown>

/**
 * EXM-16: one tick of the deadline scheduler — every session still open past
 * its deadline (pauses and extensions counted) gets `CloseIfDue`, which
 * records `SessionEnded` with the deadline as its instant. Returns how many
 * were asked to close. Repeated ticks are harmless: a closed session answers
 * `CloseIfDue` with nothing.
 */
export const closeDueSessions = async (exam: ExamEnv, dispatch: Dispatch): Promise<number> => {
  await exam.results.catchUp()
  const now = exam.clock.now()
  let closed = 0
  for (const { defined, publishedAt } of await exam.results.sittings()) {
    // A published sitting has no session left open: its results need not be loaded at all.
    if (publishedAt !== undefined) continue
    const { examId } = defined
    for (const command of deadlineProcess(now, await exam.results.results(examId))) {
      await dispatch(command)
      closed += 1
    }
  }
  if (closed > 0) await exam.results.catchUp()
  return closed
}

export type DeadlineScheduler = { readonly stop: () => Promise<void> }

/**
 * Runs `tick` every `intervalMs`, never two at once; a failed tick is logged
 * and the next one tries again (the store may be back by then).
 */
export const startDeadlineScheduler = (
  exam: ExamEnv,
  tick: () => Promise<number>,
  intervalMs: number,
): DeadlineScheduler => {
  let running: Promise<unknown> = Promise.resolve()
  let busy = false
  const timer = setInterval(() => {
    if (busy) return
    busy = true
    running = tick()
      .catch((error: unknown) =>
        exam.logger?.error(
          { error: error instanceof Error ? error.name : typeof error },
          'deadline tick failed',
        ),
      )
      .finally(() => {
        busy = false
      })
  }, intervalMs)
  timer.unref?.()
  return {
    stop: async () => {
      clearInterval(timer)
      await running
    },
  }
}
