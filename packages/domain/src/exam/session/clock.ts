import { MINUTE_MS, type SittingTimes, sittingTimes } from '../sitting/timing.js'
import type { SittingView } from './context.js'
import type { SessionState } from './state.js'

export type Phase =
  | 'not_registered'
  | 'registration_pending'
  | 'registration_refused'
  | 'registered'
  | 'admitted'
  /** Registered in the hall, waiting for familiarisation. */
  | 'seated'
  | 'familiarisation'
  | 'in_progress'
  | 'paused'
  | 'ended'
  /** Registered but not in the hall when the exam started: can no longer take part. */
  | 'absent'

/**
 * EXM-19: the deadline is the start plus the duration, plus every pause
 * (a running pause counts up to `now`, so a paused session never runs out)
 * plus every extension.
 */
export const deadlineOf = (state: SessionState, sitting: SittingView, now: Date): Date => {
  if (state.ended !== undefined) return state.ended.deadline
  const running =
    state.pausedSince === undefined ? 0 : Math.max(0, now.getTime() - state.pausedSince.at.getTime())
  return new Date(
    sitting.startsAt.getTime() +
      (sitting.timing.durationMinutes + state.extensionMinutes) * MINUTE_MS +
      state.pausedMs +
      running,
  )
}

export type Clock = {
  readonly times: SittingTimes
  readonly deadline: Date
  /** The deadline has passed but no end is recorded yet: reads and commands treat the session as ended. */
  readonly due: boolean
  readonly phase: Phase
}

/**
 * EXM-16: the phase is a function of the facts and `now`. A session whose
 * deadline passed without anyone noticing is `ended` for every reader; the
 * next command (or `CloseIfDue`) records it.
 */
export const clockOf = (state: SessionState, sitting: SittingView, now: Date): Clock => {
  const times = sittingTimes(sitting.startsAt, sitting.timing)
  const deadline = deadlineOf(state, sitting, now)
  const at = now.getTime()
  const due =
    state.ended === undefined &&
    state.hall !== undefined &&
    state.pausedSince === undefined &&
    at >= deadline.getTime()
  const phase = ((): Phase => {
    if (state.ended !== undefined || due) return 'ended'
    if (state.status === 'none') return 'not_registered'
    if (state.status === 'refused') return 'registration_refused'
    if (state.status !== 'registered') return 'registration_pending'
    if (state.hall === undefined) {
      if (at >= times.startsAt.getTime()) return 'absent'
      return state.admitted === undefined ? 'registered' : 'admitted'
    }
    if (state.pausedSince !== undefined) return 'paused'
    if (at >= times.startsAt.getTime()) return 'in_progress'
    return at >= times.familiarisationFrom.getTime() ? 'familiarisation' : 'seated'
  })()
  return { times, deadline, due, phase }
}
