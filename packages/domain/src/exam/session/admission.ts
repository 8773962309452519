import { bakuDateOf } from '../../kernel/time.js'
import { groupOf } from '../model.js'
import { sittingTimes } from '../sitting/timing.js'
import { clockOf } from './clock.js'
import type { AdmitCandidate, CallStaff, CorrectCandidateData, RegisterInHall } from './commands.js'
import type { SessionContext } from './context.js'
import { type Decision, nothing, record, refuse } from './decision.js'
import type { AdmissionReason, CandidateDataCorrected, Screen } from './events.js'
import type { SessionState } from './state.js'

/** EXM-11/EXM-12: every reason the candidate is turned away, so the record says all of them. */
const admissionProblems = (command: AdmitCandidate, state: SessionState, context: SessionContext) => {
  const reasons: AdmissionReason[] = []
  const { arrivalCutoff } = sittingTimes(context.sitting.startsAt, context.sitting.timing)
  if (context.now.getTime() > arrivalCutoff.getTime()) reasons.push('late')
  const document = command.document
  if (document === null) reasons.push('document_missing')
  else {
    if (!document.original) reasons.push('document_not_original')
    // Valid through its last day, in Baku time (RULES.md: every date rule is in Asia/Baku).
    if (document.validUntil < bakuDateOf(context.now)) reasons.push('document_expired')
    if (!document.holderMatches) reasons.push('document_not_this_persons')
  }
  const slip = command.slip
  if (slip === null) reasons.push('slip_missing')
  else if (slip.examId !== context.sitting.examId) reasons.push('slip_not_this_sitting')
  else if (slip.slipNumber !== state.slip?.slipNumber) reasons.push('slip_not_this_candidates')
  return reasons
}

/**
 * EXM-11 (at the venue 30 minutes before `S`, else late and not admitted) and
 * EXM-12 (original document + slip, both valid). A refusal is a fact with its
 * reasons; a candidate turned away for a missing document may come back with
 * it while it is still before the cutoff.
 */
export const admitCandidate = (
  command: AdmitCandidate,
  state: SessionState,
  context: SessionContext,
): Decision => {
  if (state.status !== 'registered')
    return refuse(
      'session.not_registered',
      'This candidate holds no confirmed registration for this sitting.',
    )
  if (state.admitted !== undefined) return nothing
  const reasons = admissionProblems(command, state, context)
  const base = { sessionId: command.sessionId, checkedBy: command.checkedBy, at: context.now }
  return reasons.length > 0 || command.document === null
    ? record({ ...base, type: 'AdmissionRefused', reasons })
    : record({ ...base, type: 'CandidateAdmitted', documentKind: command.document.kind })
}

/**
 * EXM-13: in the hall, at the computer the slip names, before the exam
 * starts. The screen shows the name and the position subgroup for the
 * candidate to check.
 */
export const registerInHall = (
  command: RegisterInHall,
  state: SessionState,
  context: SessionContext,
): Decision => {
  if (state.admitted === undefined)
    return refuse('session.not_admitted', 'The candidate was not admitted at the entrance (EXM-11, EXM-12).')
  if (state.hall !== undefined) return nothing
  const { startsAt } = sittingTimes(context.sitting.startsAt, context.sitting.timing)
  if (context.now.getTime() >= startsAt.getTime())
    return refuse(
      'session.too_late',
      `The exam started at ${startsAt.toISOString()}; nobody enters the hall after the start.`,
    )
  if (state.slip?.hallId !== command.hallId || state.slip.seat !== command.seat)
    return refuse(
      'session.wrong_seat',
      `The slip assigns hall ${state.slip?.hallName}, seat ${state.slip?.seat}; the candidate sits there.`,
      { hallId: state.slip?.hallId, seat: state.slip?.seat },
    )
  const subgroup = state.subgroup ?? state.slip.subgroup
  return record({
    type: 'HallRegistered',
    sessionId: command.sessionId,
    hallId: command.hallId,
    seat: command.seat,
    screen: { ...command.screen, subgroup },
    registeredBy: command.registeredBy,
    at: context.now,
  })
}

const seatedAndRunning = (state: SessionState, context: SessionContext): Decision | undefined => {
  if (state.hall === undefined)
    return refuse('session.not_seated', 'The candidate has not registered in the hall yet.')
  if (clockOf(state, context.sitting, context.now).phase === 'ended')
    return refuse('session.ended', 'This session has ended.')
  return undefined
}

/** EXM-13: "Personala müraciət" — the candidate reports an error on the screen. */
export const callStaff = (command: CallStaff, state: SessionState, context: SessionContext): Decision => {
  const blocked = seatedAndRunning(state, context)
  if (blocked !== undefined) return blocked
  if (state.handled.has(`call:${command.requestId}`)) return nothing
  return record({
    type: 'StaffCalled',
    sessionId: command.sessionId,
    requestId: command.requestId,
    message: command.message,
    at: context.now,
  })
}

/** EXM-13: staff correct the screen data, only before the exam starts; each change keeps its old value. */
export const correctCandidateData = (
  command: CorrectCandidateData,
  state: SessionState,
  context: SessionContext,
): Decision => {
  const blocked = seatedAndRunning(state, context)
  if (blocked !== undefined || state.hall === undefined) return blocked ?? nothing
  if (state.handled.has(`correction:${command.correctionId}`)) return nothing
  if (context.now.getTime() >= context.sitting.startsAt.getTime())
    return refuse('session.exam_started', 'Data can be corrected only before the exam starts.')
  const subgroup = command.corrections.subgroup
  if (subgroup !== undefined && !context.sitting.forms.some(({ form }) => form.group === groupOf(subgroup)))
    return refuse('session.group_not_offered', `This sitting has no test for group ${groupOf(subgroup)}.`, {
      subgroup,
    })
  const screen: Screen = state.hall.screen
  const changes: CandidateDataCorrected['changes'] = (
    ['surname', 'name', 'patronymic', 'subgroup'] as const
  ).flatMap((field) => {
    const to = command.corrections[field]
    return to === undefined || to === screen[field] ? [] : [{ field, from: screen[field], to }]
  })
  if (changes.length === 0)
    return refuse('session.nothing_to_correct', 'The corrections are what the screen already shows.')
  return record({
    type: 'CandidateDataCorrected',
    sessionId: command.sessionId,
    correctionId: command.correctionId,
    changes,
    reason: command.reason,
    correctedBy: command.correctedBy,
    at: context.now,
  })
}
