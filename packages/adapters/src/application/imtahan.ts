import type { AccountUseCases, PaymentUseCases } from './account/api.js'
import type { AppealUseCases } from './appeal/api.js'
import type { CabinetUseCases } from './cabinet/api.js'
import type { ExamUseCases } from './exam/api.js'
import type { ImtahanPolicy } from './shared/deps.js'

/**
 * The application facade (built by `createImtahan` in facade.ts): every use
 * case, with every I/O (registry, SMS, hashing, store, clock) done behind it
 * so HTTP and CLI stay thin.
 */
export interface Imtahan {
  readonly cabinets: CabinetUseCases
  readonly accounts: AccountUseCases
  readonly payments: PaymentUseCases
  /** RULES.md §3: sittings, registration, the exam day, results (see `exam/api.ts`). */
  readonly exams: ExamUseCases
  /** APL-2…APL-6 and the cabinet's exam record (CAB-11), see `appeal/api.ts`. */
  readonly appeals: AppealUseCases
  /** The resolved policy: an edge decodes against it (the operator's document series, CAB-1). */
  readonly policy: ImtahanPolicy
  /** Runs the processes and projections until they have seen everything in the log (crash recovery, tests). */
  settle(): Promise<void>
  /** Starts background runners (processes, projections) following the log. */
  start(): Promise<void>
  /** Stops runners; does not close the store (the owner of the store closes it). */
  stop(): Promise<void>
}
