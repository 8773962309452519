import * as E from 'fp-ts/lib/Either.js'
import { clockOf } from './clock.js'
import type { RecordViolation } from './commands.js'
import type { SessionContext } from './context.js'
import { type Decision, nothing, record, refuse } from './decision.js'
import { endSession } from './ending.js'
import type { SessionEnded, SessionEvent, ViolationKind, ViolationRecorded } from './events.js'
import type { SessionState } from './state.js'

/** Only meaningful once the exam has started (booklet, prohibitions 3 and 7). */
const AFTER_START_ONLY: readonly ViolationKind[] = ['left_and_returned', 'left_before_earliest_finish']

/**
 * EXM-18/EXM-20: staff record a violation while the candidate is in the hall.
 * A warning is recorded and the exam goes on; a removal ends the session at
 * once and annuls its result (the violation is the decision, its evidence
 * the reference staff give — the sitting is video-recorded).
 */
export const recordViolation = (
  command: RecordViolation,
  state: SessionState,
  context: SessionContext,
): Decision => {
  if (state.handled.has(`violation:${command.violationId}`)) return nothing
  if (state.hall === undefined)
    return refuse('session.not_seated', 'Violations are recorded for candidates registered in the hall.')
  const clock = clockOf(state, context.sitting, context.now)
  if (clock.phase === 'ended')
    return refuse('session.ended', 'The session has ended; record the matter with the board.')
  const beforeStart = context.now.getTime() < clock.times.startsAt.getTime()
  if (beforeStart && AFTER_START_ONLY.includes(command.kind))
    return refuse('session.not_started', `"${command.kind}" can only happen after the exam has started.`)
  if (
    command.kind === 'left_before_earliest_finish' &&
    context.now.getTime() >= clock.times.earliestFinish.getTime()
  )
    return refuse(
      'session.invalid_violation',
      `Leaving is allowed from ${context.sitting.timing.earliestFinishMinutes} minutes after the start (${clock.times.earliestFinish.toISOString()}).`,
      { earliestFinish: clock.times.earliestFinish.toISOString() },
    )
  if (command.outcome === 'removal' && command.evidenceRef === null)
    return refuse(
      'session.evidence_required',
      'A removal annuls the result: give the evidence reference (e.g. the video).',
    )
  const violation: ViolationRecorded = {
    type: 'ViolationRecorded',
    sessionId: command.sessionId,
    violationId: command.violationId,
    kind: command.kind,
    outcome: command.outcome,
    note: command.note,
    evidenceRef: command.evidenceRef,
    recordedBy: command.recordedBy,
    at: context.now,
  }
  if (command.outcome === 'warning') return record(violation)
  return E.map((ended: SessionEnded): readonly SessionEvent[] => [
    violation,
    ended,
    {
      type: 'ResultAnnulled',
      sessionId: command.sessionId,
      decisionId: command.violationId,
      grounds: 'removal',
      counterpartSessionIds: [],
      decidedBy: command.recordedBy,
      decidedAt: context.now,
      reason: `Removed from the exam: ${command.kind.replaceAll('_', ' ')}`,
      evidenceRef: command.evidenceRef ?? command.violationId,
      at: context.now,
    },
  ])(endSession({ ...state, violations: [...state.violations, violation] }, context, 'removed'))
}
