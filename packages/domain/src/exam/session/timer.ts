import { clockOf } from './clock.js'
import type { GrantExtension, PauseSession, ResumeSession } from './commands.js'
import type { SessionContext } from './context.js'
import { type Decision, nothing, record, refuse } from './decision.js'
import type { SessionState } from './state.js'

/*
 * EXM-19: staff pause a session for a technical incident and resume it (the
 * paused time is added back); the board grants individual extensions before
 * or during the exam. Every timer change is an event with its reason.
 */

export const pauseSession = (
  command: PauseSession,
  state: SessionState,
  context: SessionContext,
): Decision => {
  if (state.handled.has(`pause:${command.pauseId}`)) return nothing
  const { phase } = clockOf(state, context.sitting, context.now)
  if (phase !== 'in_progress')
    return refuse(
      phase === 'ended' ? 'session.ended' : phase === 'paused' ? 'session.paused' : 'session.not_started',
      phase === 'paused'
        ? 'The session is already paused.'
        : 'Only a running exam can be paused (after the start, before the end).',
      { phase },
    )
  return record({
    type: 'SessionPaused',
    sessionId: command.sessionId,
    pauseId: command.pauseId,
    incident: command.incident,
    note: command.note,
    pausedBy: command.pausedBy,
    at: context.now,
  })
}

export const resumeSession = (
  command: ResumeSession,
  state: SessionState,
  context: SessionContext,
): Decision => {
  const paused = state.pausedSince
  if (paused === undefined || state.ended !== undefined)
    return refuse('session.not_paused', 'The session is not paused.')
  return record({
    type: 'SessionResumed',
    sessionId: command.sessionId,
    pauseId: paused.pauseId,
    pausedMs: Math.max(0, context.now.getTime() - paused.at.getTime()),
    resumedBy: command.resumedBy,
    at: context.now,
  })
}

export const grantExtension = (
  command: GrantExtension,
  state: SessionState,
  context: SessionContext,
): Decision => {
  if (state.handled.has(`extension:${command.extensionId}`)) return nothing
  const { phase } = clockOf(state, context.sitting, context.now)
  if (phase === 'ended')
    return refuse(
      'session.ended',
      'The session has ended; time can be extended only before or during the exam.',
    )
  if (state.status !== 'registered' || phase === 'absent')
    return refuse(
      'session.not_registered',
      'Extensions are granted to registered candidates taking the exam.',
      {
        phase,
      },
    )
  return record({
    type: 'ExtensionGranted',
    sessionId: command.sessionId,
    extensionId: command.extensionId,
    minutes: command.minutes,
    reason: command.reason,
    grantedBy: command.grantedBy,
    at: context.now,
  })
}
