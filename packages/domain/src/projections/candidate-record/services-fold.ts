import type { AppealEvent } from '../../appeal/events.js'
import { cabinetIdOfSession } from '../../appeal/ids.js'
import type { SessionEvent } from '../../exam/session/events.js'
import { examIdOfSession, registrationOfCharge, sessionOfRegistration } from '../../exam/session/streams.js'
import type { WalletEvent } from '../../wallet/events.js'
import type {
  AppealService,
  RegistrationService,
  ServiceRegistrationStatus,
  ServicesUsedState,
} from './services-state.js'

// CAB-11 "services used": the pure fold (what it holds: services-state.ts; how it is listed: services-view.ts).

export type ServicesUsedEvent = SessionEvent | WalletEvent | AppealEvent

/**
 * The only event types the fold reads: a persisted view routes nothing else
 * to it, so the many answers of an exam (TaskAnswered) cost it nothing.
 */
export const SERVICES_USED_EVENT_TYPES: ReadonlySet<string> = new Set([
  'RegistrationRequested',
  'RegistrationConfirmed',
  'RegistrationRefused',
  'CandidateAdmitted',
  'AdmissionRefused',
  'SessionEnded',
  'ResultAnnulled',
  'CourtRulingRecorded',
  'WalletOpened',
  'FeeCharged',
  'AppealFiled',
  'AppealRejected',
  'AppealUpheld',
  'AppealCourtCaseFiled',
  'AppealCourtRulingRecorded',
])

/** The map with `key`'s entry changed; the same map when there is no such entry (its first event was not this cabinet's). */
const changedIn = <V>(
  map: ReadonlyMap<string, V>,
  key: string | undefined,
  change: (entry: V) => V,
): ReadonlyMap<string, V> => {
  const entry = key === undefined ? undefined : map.get(key)
  return entry === undefined || key === undefined ? map : new Map(map).set(key, change(entry))
}

const withRegistration = (
  state: ServicesUsedState,
  registrationId: string | undefined,
  change: (registration: RegistrationService) => RegistrationService,
): ServicesUsedState => ({ ...state, registrations: changedIn(state.registrations, registrationId, change) })

/** A session-wide fact (admission, end, annulment) moves its current registration to `status`. */
const sessionStatus = (
  state: ServicesUsedState,
  sessionId: string,
  status: ServiceRegistrationStatus,
  unless: readonly ServiceRegistrationStatus[] = [],
): ServicesUsedState =>
  withRegistration(state, state.currentRegistration.get(sessionId), (registration) =>
    unless.includes(registration.status) ? registration : { ...registration, status },
  )

const evolveSession = (state: ServicesUsedState, event: SessionEvent): ServicesUsedState => {
  if (cabinetIdOfSession(event.sessionId) !== state.cabinetId) return state
  switch (event.type) {
    case 'RegistrationRequested':
      return {
        ...state,
        registrations: new Map(state.registrations).set(event.registrationId, {
          registrationId: event.registrationId,
          sessionId: event.sessionId,
          examId: event.examId,
          subgroup: event.subgroup,
          fee: event.fee,
          requestedAt: event.at,
          status: 'requested',
          registeredAt: undefined,
          slip: undefined,
          chargeId: undefined,
          refusalReason: undefined,
        }),
        currentRegistration: new Map(state.currentRegistration).set(event.sessionId, event.registrationId),
      }
    case 'RegistrationConfirmed': {
      const { slipNumber, title, venue, hallName, seat, startsAt, arriveBy, subgroup } = event.slip
      return withRegistration(state, event.registrationId, (registration) => ({
        ...registration,
        subgroup,
        status: 'registered',
        registeredAt: event.at,
        slip: { slipNumber, title, venue, hallName, seat, startsAt, arriveBy },
        chargeId: event.chargeId ?? undefined,
      }))
    }
    case 'RegistrationRefused':
      return withRegistration(state, event.registrationId, (registration) => ({
        ...registration,
        status: 'refused',
        refusalReason: event.reason,
      }))
    case 'CandidateAdmitted':
      return sessionStatus(state, event.sessionId, 'admitted')
    case 'AdmissionRefused':
      // A refusal after admission (a second check) does not undo it, as in the session itself.
      return sessionStatus(state, event.sessionId, 'not_admitted', ['admitted'])
    case 'SessionEnded':
      return sessionStatus(state, event.sessionId, 'finished', ['annulled'])
    case 'ResultAnnulled':
      return sessionStatus(state, event.sessionId, 'annulled')
    case 'CourtRulingRecorded':
      return event.outcome === 'annulment_reversed'
        ? sessionStatus(state, event.sessionId, 'finished')
        : state
    default:
      return state
  }
}

const evolveWallet = (state: ServicesUsedState, event: WalletEvent): ServicesUsedState => {
  if (event.type === 'WalletOpened')
    return event.cabinetId.toLowerCase() === state.cabinetId ? { ...state, walletId: event.walletId } : state
  if (event.type !== 'FeeCharged' || event.walletId !== state.walletId) return state
  // A registration fee's charge id names the registration, whose id names the session and so the sitting.
  const registrationId = registrationOfCharge(event.chargeId)
  return {
    ...state,
    fees: new Map(state.fees).set(event.chargeId, {
      chargeId: event.chargeId,
      service: event.service,
      purpose: event.purpose,
      amount: event.amount,
      paidAt: event.at,
      registrationId,
      examId:
        registrationId === undefined ? undefined : examIdOfSession(sessionOfRegistration(registrationId)),
    }),
  }
}

const withAppeal = (
  state: ServicesUsedState,
  appealId: string,
  change: (appeal: AppealService) => AppealService,
): ServicesUsedState => ({ ...state, appeals: changedIn(state.appeals, appealId, change) })

const evolveAppeal = (state: ServicesUsedState, event: AppealEvent): ServicesUsedState => {
  switch (event.type) {
    case 'AppealFiled':
      return event.cabinetId.toLowerCase() !== state.cabinetId
        ? state
        : {
            ...state,
            appeals: new Map(state.appeals).set(event.appealId, {
              appealId: event.appealId,
              sessionId: event.sessionId,
              examId: examIdOfSession(event.sessionId),
              filedAt: event.at,
              status: 'open',
              decision: undefined,
              court: undefined,
            }),
          }
    case 'AppealRejected':
    case 'AppealUpheld': {
      const outcome = event.type === 'AppealRejected' ? 'rejected' : 'upheld'
      return withAppeal(state, event.appealId, (appeal) => ({
        ...appeal,
        status: outcome,
        decision: { outcome, reasons: event.reasons, at: event.at },
      }))
    }
    case 'AppealCourtCaseFiled':
    case 'AppealCourtRulingRecorded': {
      // APL-5: the case, then (perhaps) the court's ruling on the commission's decision.
      const ruling = event.type === 'AppealCourtRulingRecorded' ? event.outcome : undefined
      return withAppeal(state, event.appealId, (appeal) => ({
        ...appeal,
        court: { caseReference: event.caseReference, filedAt: appeal.court?.filedAt ?? event.at, ruling },
      }))
    }
  }
}

const APPEAL_TYPES: ReadonlySet<string> = new Set([
  'AppealFiled',
  'AppealRejected',
  'AppealUpheld',
  'AppealCourtCaseFiled',
  'AppealCourtRulingRecorded',
])

/** One event of any of the cabinet's streams; anything else (or anyone else's) leaves the state as it is. */
export const evolveServicesUsed = (state: ServicesUsedState, event: ServicesUsedEvent): ServicesUsedState => {
  if (!SERVICES_USED_EVENT_TYPES.has(event.type)) return state
  if (APPEAL_TYPES.has(event.type)) return evolveAppeal(state, event as AppealEvent)
  if (event.type === 'WalletOpened' || event.type === 'FeeCharged') return evolveWallet(state, event)
  return evolveSession(state, event as SessionEvent)
}
