import { evolveServicesUsed, type ServicesUsedEvent } from './services-fold.js'
import {
  type AppealService,
  emptyServicesUsed,
  type FeeService,
  type RegistrationService,
  type ServicesUsedState,
} from './services-state.js'

/** CAB-11 "services used" as the cabinet lists it: each kind oldest first. */
export type ServicesUsed = {
  readonly cabinetId: string
  readonly registrations: readonly RegistrationService[]
  readonly fees: readonly FeeService[]
  readonly appeals: readonly AppealService[]
}

/** By instant, then by id: the same events always list in the same order, whatever order the streams arrived in. */
const byTime =
  <T>(at: (item: T) => Date, id: (item: T) => string) =>
  (a: T, b: T): number =>
    at(a).getTime() - at(b).getTime() || (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0)

export const servicesUsedOf = (state: ServicesUsedState): ServicesUsed => ({
  cabinetId: state.cabinetId,
  registrations: [...state.registrations.values()].sort(
    byTime(
      (r) => r.requestedAt,
      (r) => r.registrationId,
    ),
  ),
  fees: [...state.fees.values()].sort(
    byTime(
      (f) => f.paidAt,
      (f) => f.chargeId,
    ),
  ),
  appeals: [...state.appeals.values()].sort(
    byTime(
      (a) => a.filedAt,
      (a) => a.appealId,
    ),
  ),
})

/** The cabinet's services folded from its session, wallet and appeal events (any interleaving that keeps each stream's order). */
export const foldServicesUsed = (cabinetId: string, events: readonly ServicesUsedEvent[]): ServicesUsed =>
  servicesUsedOf(events.reduce(evolveServicesUsed, emptyServicesUsed(cabinetId)))
