import type { CabinetNumber } from '../values/cabinet-number.js'
import type { Email } from '../values/email.js'
import type { PhoneNumber } from '../values/phone.js'
import type { CabinetEvent } from './events.js'
import type { CabinetId, PersonDetails, RegisteredDocument } from './person.js'

/**
 * What the owner sees of their cabinet (CAB-2, CAB-8, CAB-9). No FIN, no
 * password hash, no code hash: this view is stored and served as it is.
 * The decider's state is this view plus the secrets (see state.ts), so both
 * share one fold and cannot drift apart.
 */
export type CabinetOverview = {
  readonly cabinetId: CabinetId
  readonly stage: 'registering' | 'completed'
  readonly cabinetNumber?: CabinetNumber | undefined
  readonly person: PersonDetails
  readonly documents: {
    readonly current: RegisteredDocument
    /** Earlier documents, oldest first (CAB-8). */
    readonly history: readonly RegisteredDocument[]
  }
  readonly phone: {
    /** The number in force: codes for password recovery go here (CAB-5, CAB-10). */
    readonly confirmed?: PhoneNumber | undefined
    /** A number waiting for its code. */
    readonly pending?: PhoneNumber | undefined
  }
  readonly email?: Email | undefined
  readonly startedAt: Date
  readonly completedAt?: Date | undefined
}

export const evolveOverview = (
  view: CabinetOverview | undefined,
  event: CabinetEvent,
): CabinetOverview | undefined => {
  if (event.type === 'RegistrationStarted')
    return {
      cabinetId: event.cabinetId,
      stage: 'registering',
      person: event.person,
      documents: { current: event.document, history: [] },
      phone: {},
      startedAt: event.startedAt,
    }
  if (view === undefined) return undefined
  switch (event.type) {
    case 'PhoneCodeIssued':
      return { ...view, phone: { ...view.phone, pending: event.phone } }
    case 'PhoneConfirmed':
      return { ...view, phone: { confirmed: event.phone } }
    case 'PhoneChangeCancelled':
      return { ...view, phone: { confirmed: view.phone.confirmed } }
    case 'EmailChanged':
      return { ...view, email: event.email }
    case 'CabinetCompleted':
      return {
        ...view,
        stage: 'completed',
        cabinetNumber: event.cabinetNumber,
        completedAt: event.completedAt,
      }
    case 'DocumentRenewed':
      return {
        ...view,
        person: event.person,
        documents: { current: event.document, history: [...view.documents.history, view.documents.current] },
      }
    default:
      return view
  }
}

/** The overview after a cabinet's whole history (`undefined` before registration started). */
export const cabinetOverviewOf = (events: readonly CabinetEvent[]): CabinetOverview | undefined =>
  events.reduce(evolveOverview, undefined)
