import * as E from 'fp-ts/lib/Either.js'
import { Money } from '../../kernel/money.js'
import { groupOf } from '../model.js'
import { sittingTimes } from '../sitting/timing.js'
import type { AssignSeat, ConfirmRegistration, RefuseRegistration, RequestRegistration } from './commands.js'
import type { SessionContext } from './context.js'
import { type Decision, nothing, record, refuse } from './decision.js'
import type { AdmissionSlip, RegistrationConfirmed } from './events.js'
import { formFor } from './score.js'
import type { SessionState } from './state.js'
import { registrationIdOf, sessionIdOf } from './streams.js'

/**
 * EXM-10, first step: the candidate asks; the registration process then holds
 * a seat (Exam stream), charges the fee (wallet) and confirms or refuses. A
 * refused registration may be asked again (after a top-up) as a new attempt.
 */
export const requestRegistration = (
  command: RequestRegistration,
  state: SessionState,
  context: SessionContext,
): Decision => {
  const { sitting, now } = context
  if (command.examId !== sitting.examId)
    return refuse(
      'session.wrong_sitting',
      `This request is for exam ${command.examId}, not ${sitting.examId}.`,
    )
  const pending = state.registration
  if (state.status === 'requested' || state.status === 'seat_assigned')
    return pending?.subgroup === command.subgroup && pending.walletId === command.walletId
      ? nothing
      : refuse(
          'session.registration_pending',
          'A registration for this sitting is already being processed; wait for its outcome.',
        )
  if (state.status === 'registered')
    return refuse(
      'session.already_registered',
      `You are already registered for this sitting (slip ${state.slip?.slipNumber}); one registration per candidate per sitting.`,
      { slipNumber: state.slip?.slipNumber },
    )
  const closes = sittingTimes(sitting.startsAt, sitting.timing).registrationClosesAt
  if (now.getTime() >= closes.getTime())
    return refuse(
      'session.registration_closed',
      `Registration for this sitting closed at ${closes.toISOString()}.`,
      {
        closedAt: closes.toISOString(),
      },
    )
  if (E.isLeft(formFor(sitting, command.subgroup)))
    return refuse(
      'session.group_not_offered',
      `This sitting offers no test for group ${groupOf(command.subgroup)}; choose a subgroup of another group or another sitting.`,
      { subgroup: command.subgroup },
    )
  if (context.balance !== undefined && Money.greaterThan(sitting.fee, context.balance))
    return refuse(
      'session.insufficient_funds',
      `The registration fee is ${Money.format(sitting.fee)} manat and the balance is ${Money.format(context.balance)}; top up the account first.`,
      { fee: Money.format(sitting.fee), balance: Money.format(context.balance) },
    )
  const sessionId = sessionIdOf(command.examId, command.cabinetId)
  const attempt = (state.registration?.attempt ?? 0) + 1
  return record({
    type: 'RegistrationRequested',
    sessionId,
    examId: command.examId,
    cabinetId: command.cabinetId,
    walletId: command.walletId,
    subgroup: command.subgroup,
    registrationId: registrationIdOf(sessionId, attempt),
    attempt,
    fee: sitting.fee,
    at: now,
  })
}

const notThisRegistration = (registrationId: string): Decision =>
  refuse(
    'session.unknown_registration',
    `Registration ${registrationId} is not this session's current one.`,
    {
      registrationId,
    },
  )

const slipOf = (state: SessionState, context: SessionContext): AdmissionSlip | undefined => {
  const { seat, registration } = state
  const hall = context.sitting.halls.find((candidate) => candidate.hallId === seat?.hallId)
  if (seat === undefined || registration === undefined || hall === undefined) return undefined
  return {
    slipNumber: seat.slipNumber,
    examId: registration.examId,
    title: context.sitting.title,
    venue: context.sitting.venue,
    hallId: hall.hallId,
    hallName: hall.name,
    seat: seat.seat,
    subgroup: registration.subgroup,
    startsAt: context.sitting.startsAt,
    arriveBy: sittingTimes(context.sitting.startsAt, context.sitting.timing).arrivalCutoff,
  }
}

const confirmed = (
  state: SessionState,
  context: SessionContext,
  registrationId: string,
  chargeId: string | null,
): RegistrationConfirmed | undefined => {
  const slip = slipOf(state, context)
  return slip === undefined || state.sessionId === undefined
    ? undefined
    : {
        type: 'RegistrationConfirmed',
        sessionId: state.sessionId,
        registrationId,
        chargeId,
        slip,
        at: context.now,
      }
}

/** The sitting held a seat. With no fee to pay the registration is complete at once. */
export const assignSeat = (command: AssignSeat, state: SessionState, context: SessionContext): Decision => {
  if (state.registration?.registrationId !== command.registrationId)
    return notThisRegistration(command.registrationId)
  if (state.status !== 'requested') return nothing
  const assigned = {
    type: 'SeatAssigned' as const,
    sessionId: command.sessionId,
    examId: state.registration.examId,
    registrationId: command.registrationId,
    hallId: command.hallId,
    seat: command.seat,
    slipNumber: command.slipNumber,
    walletId: state.registration.walletId,
    fee: state.registration.fee,
    at: context.now,
  }
  if (!Money.isZero(state.registration.fee)) return record(assigned)
  const withSeat = { ...state, seat: assigned }
  const done = confirmed(withSeat, context, command.registrationId, null)
  return done === undefined
    ? refuse('session.unknown_hall', `Hall ${command.hallId} is not a hall of this sitting.`)
    : record(assigned, done)
}

/** EXM-10: the fee was charged; the admission slip is issued. */
export const confirmRegistration = (
  command: ConfirmRegistration,
  state: SessionState,
  context: SessionContext,
): Decision => {
  if (state.registration?.registrationId !== command.registrationId)
    return notThisRegistration(command.registrationId)
  if (state.status === 'registered') return nothing
  if (state.status === 'refused')
    // Only reachable if a charge was redelivered after the refusal: the money must be returned by hand.
    return refuse(
      'session.registration_refused',
      'This registration was already refused; the fee charged for it must be refunded.',
      { registrationId: command.registrationId, chargeId: command.chargeId },
    )
  if (state.status !== 'seat_assigned')
    return refuse('session.no_seat_yet', 'The fee cannot be confirmed before a seat is held.')
  const done = confirmed(state, context, command.registrationId, command.chargeId)
  return done === undefined
    ? refuse('session.unknown_hall', 'The held seat is in no hall of this sitting.')
    : record(done)
}

/** EXM-10: "not enough money → not registered" (or no seat left). The seat, if held, goes back. */
export const refuseRegistration = (
  command: RefuseRegistration,
  state: SessionState,
  context: SessionContext,
): Decision => {
  if (state.registration?.registrationId !== command.registrationId)
    return notThisRegistration(command.registrationId)
  if (state.status === 'refused') return nothing
  if (state.status === 'registered')
    return refuse(
      'session.already_registered',
      'This registration is already confirmed; it cannot be refused.',
    )
  return record({
    type: 'RegistrationRefused',
    sessionId: command.sessionId,
    examId: state.registration.examId,
    registrationId: command.registrationId,
    reason: command.reason,
    seatHeld: state.status === 'seat_assigned',
    at: context.now,
  })
}
