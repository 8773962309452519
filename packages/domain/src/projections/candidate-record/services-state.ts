import type { SubgroupCode } from '../../exam/model.js'
import type { Money } from '../../kernel/money.js'

/*
 * CAB-11 "services used": what the Centre did for the person — every exam
 * registration (with its slip once issued), every fee the account paid and
 * for what (WAL-3), every appeal (APL-3/APL-4). A pure fold over the
 * cabinet's session, wallet and appeal streams; other people's events are
 * ignored. The fold is in services-fold.ts, the list it shows in
 * services-view.ts.
 */

/**
 * Where a registration stands: refused (no seat, not enough money, EXM-10),
 * registered (slip issued), then admitted or not (EXM-11/12), finished (the
 * session ended, EXM-16) and possibly annulled (EXM-20/21; a court may reverse it).
 */
export type ServiceRegistrationStatus =
  | 'requested'
  | 'registered'
  | 'refused'
  | 'admitted'
  | 'not_admitted'
  | 'finished'
  | 'annulled'

/** The admission slip as the cabinet lists it (EXM-10). */
export type SlipEntry = {
  readonly slipNumber: string
  readonly title: string
  readonly venue: { readonly name: string; readonly address: string }
  readonly hallName: string
  readonly seat: number
  readonly startsAt: Date
  readonly arriveBy: Date
}

export type RegistrationService = {
  readonly registrationId: string
  readonly sessionId: string
  readonly examId: string
  readonly subgroup: SubgroupCode
  /** The sitting's fee when the candidate asked (0 for a free sitting). */
  readonly fee: Money
  readonly requestedAt: Date
  readonly status: ServiceRegistrationStatus
  /** When the slip was issued (RegistrationConfirmed). */
  readonly registeredAt: Date | undefined
  readonly slip: SlipEntry | undefined
  /** The wallet charge that paid it; undefined for a free sitting or before payment. */
  readonly chargeId: string | undefined
  readonly refusalReason: string | undefined
}

export type FeeService = {
  readonly chargeId: string
  /** The wallet's service name, e.g. `exam-registration`. */
  readonly service: string
  /** What the money paid for, as the charge recorded it (WAL-3). */
  readonly purpose: string
  readonly amount: Money
  readonly paidAt: Date
  /** For a registration fee: the registration it paid for, and its sitting. */
  readonly registrationId: string | undefined
  readonly examId: string | undefined
}

export type AppealService = {
  readonly appealId: string
  readonly sessionId: string
  readonly examId: string
  readonly filedAt: Date
  readonly status: 'open' | 'rejected' | 'upheld'
  readonly decision:
    | { readonly outcome: 'rejected' | 'upheld'; readonly reasons: string; readonly at: Date }
    | undefined
  readonly court:
    | {
        readonly caseReference: string
        readonly filedAt: Date
        readonly ruling: 'decision_stands' | 'result_changed' | undefined
      }
    | undefined
}

export type ServicesUsedState = {
  readonly cabinetId: string
  /** Learnt from WalletOpened (CAB-7/WAL-1): fees are charged to this wallet. */
  readonly walletId: string | undefined
  readonly registrations: ReadonlyMap<string, RegistrationService>
  /** The registration a session's later events (admission, end, annulment) belong to: its latest attempt. */
  readonly currentRegistration: ReadonlyMap<string, string>
  readonly fees: ReadonlyMap<string, FeeService>
  readonly appeals: ReadonlyMap<string, AppealService>
}

export const emptyServicesUsed = (cabinetId: string): ServicesUsedState => ({
  cabinetId: cabinetId.toLowerCase(),
  walletId: undefined,
  registrations: new Map(),
  currentRegistration: new Map(),
  fees: new Map(),
  appeals: new Map(),
})
