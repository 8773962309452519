import type { DomainError } from '../../kernel/errors.js'
import { Money } from '../../kernel/money.js'
import { type ChargeFee, toWallet } from '../../wallet/commands.js'
import type { WalletEvent } from '../../wallet/events.js'
import type { SessionEvent } from '../session/events.js'
import { feeChargeIdOf, registrationOfCharge, sessionOfRegistration } from '../session/streams.js'
import type { ExamEvent } from '../sitting/events.js'
import { type ExamProcessCommand, type ToExam, type ToSession, toExam, toSession } from './envelopes.js'

/** The wallet's `service` for registration fees (shown on the statement, WAL-3). */
export const REGISTRATION_SERVICE = 'exam-registration'

const id = (registrationId: string, step: string) => `registration:${registrationId}:${step}`

/**
 * EXM-10 as a pure reaction, like the transfer. Every command id is
 * `registration:<registrationId>:<step>` and every target answers a
 * registration once and for all:
 *
 *   RegistrationRequested (session) → AllocateSeat (exam)
 *   SeatAllocated (exam)            → AssignSeat (session)
 *   SeatAllocationDeclined (exam)   → RefuseRegistration (session)
 *   SeatAssigned (session, fee > 0) → ChargeFee (wallet, charge id `examfee:<registrationId>`)
 *     (with no fee the session confirms by itself when the seat is assigned)
 *   FeeCharged (wallet)             → ConfirmRegistration (session): slip issued
 *   ChargeFee refused by the wallet → see `registrationChargeRefused`
 *   RegistrationRefused (seat held) → ReleaseSeat (exam)
 */
export const registrationProcess = (
  event: SessionEvent | ExamEvent | WalletEvent,
): readonly ExamProcessCommand[] => {
  switch (event.type) {
    case 'RegistrationRequested':
      return [
        toExam(id(event.registrationId, 'seat'), {
          type: 'AllocateSeat',
          examId: event.examId,
          registrationId: event.registrationId,
          sessionId: event.sessionId,
        }),
      ]
    case 'SeatAllocated':
      return [
        toSession(id(event.registrationId, 'assign'), event.sessionId, {
          type: 'AssignSeat',
          sessionId: event.sessionId,
          registrationId: event.registrationId,
          hallId: event.hallId,
          seat: event.seat,
          slipNumber: event.slipNumber,
        }),
      ]
    case 'SeatAllocationDeclined':
      return [refusal(event.registrationId, event.sessionId, event.reason)]
    case 'SeatAssigned': {
      if (Money.isZero(event.fee)) return []
      const charge: ChargeFee = {
        type: 'ChargeFee',
        walletId: event.walletId,
        chargeId: feeChargeIdOf(event.registrationId),
        service: REGISTRATION_SERVICE,
        purpose: `Registration for exam ${event.examId}, slip ${event.slipNumber}`,
        amount: event.fee,
        at: event.at,
      }
      return [toWallet(id(event.registrationId, 'fee'), charge)]
    }
    case 'FeeCharged': {
      const registrationId = registrationOfCharge(event.chargeId)
      if (registrationId === undefined) return []
      const sessionId = sessionOfRegistration(registrationId)
      return [
        toSession(id(registrationId, 'confirm'), sessionId, {
          type: 'ConfirmRegistration',
          sessionId,
          registrationId,
          chargeId: event.chargeId,
        }),
      ]
    }
    case 'RegistrationRefused':
      return event.seatHeld
        ? [
            toExam(id(event.registrationId, 'release'), {
              type: 'ReleaseSeat',
              examId: event.examId,
              registrationId: event.registrationId,
              reason: event.reason,
            }),
          ]
        : []
    default:
      return []
  }
}

const refusal = (registrationId: string, sessionId: string, reason: string): ToSession =>
  toSession(id(registrationId, 'refuse'), sessionId, {
    type: 'RefuseRegistration',
    sessionId,
    registrationId,
    reason,
  })

/**
 * The wallet answers a fee it cannot charge (WAL-3: more than the balance)
 * with a refusal, not an event, so the adapter calls this with the refusal
 * of a `ChargeFee` this process sent: the registration is refused (and its
 * refusal then releases the seat). Any other charge gives nothing.
 */
export const registrationChargeRefused = (charge: ChargeFee, refusal_: DomainError): readonly ToSession[] => {
  const registrationId = registrationOfCharge(charge.chargeId)
  return registrationId === undefined
    ? []
    : [refusal(registrationId, sessionOfRegistration(registrationId), refusal_.code)]
}

export type { ToExam }
