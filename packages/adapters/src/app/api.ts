import type { AccountStatement, CabinetOverview, DomainError, UnclaimedPayment } from '@imtahan/domain'
import type { Either } from 'fp-ts/lib/Either.js'
import type { AppealUseCases } from '../appeal/api.js'
import type { ExamUseCases } from '../exam/api.js'

/**
 * The application facade: the cabinet and account use cases, with every I/O
 * (registry, SMS, hashing, store, clock) done here so HTTP and CLI stay thin.
 * Inputs are raw (as typed by a person or sent by an integrator) and are
 * decoded with the domain's io-ts codecs; every refusal is a `DomainError`
 * value (`Left`), never a thrown exception. Thrown errors mean infrastructure
 * failures (the store is down), which the HTTP layer turns into 500/503.
 */
export type Result<A> = Promise<Either<DomainError, A>>

/** Who is calling: set by the HTTP layer from the bearer token or API key; written into event metadata. */
export type Actor =
  | { readonly kind: 'cabinet'; readonly cabinetId: string }
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'payment_provider' }
  | { readonly kind: 'system'; readonly name: string }
  /** RULES.md §5 examination board (API key). */
  | { readonly kind: 'board' }
  /** RULES.md §5 exam staff (API key), limited to `exams` when the key is scoped to sittings. */
  | { readonly kind: 'staff'; readonly exams?: readonly string[] }
  /** RULES.md §5 appeals commission (API key). */
  | { readonly kind: 'commission' }

export type Call = {
  readonly actor: Actor
  /** Carried as correlation id into event metadata; the HTTP request id. */
  readonly correlationId?: string
  /**
   * Makes a money-moving call idempotent at the domain level (WAL-7 / PAY-4):
   * event ids and request ids derive from it, so a retry after a lost answer
   * records nothing twice.
   */
  readonly idempotencyKey?: string
}

export type RegistrationStarted = {
  readonly cabinetId: string
  readonly person: {
    readonly surname: string
    readonly name: string
    readonly patronymic: string
    readonly birthDate: string
  }
}

export type CabinetCompletedAnswer = { readonly cabinetId: string; readonly cabinetNumber: string }

export type LoginAnswer = { readonly cabinetId: string; readonly cabinetNumber: string }

export type TransferAnswer = {
  readonly transferId: string
  /** `completed` once settled (the facade settles synchronously when it can); `failed` / `returned` otherwise. */
  readonly status: 'requested' | 'completed' | 'failed' | 'returned'
  readonly amount: string
  readonly toCabinetNumber: string
  readonly balance: string
}

export type PaymentNotice = {
  readonly paymentCode: unknown
  readonly amount: unknown
  readonly documentNumber: unknown
  readonly paidAt: unknown
  readonly providerReference: unknown
}

export interface CabinetUseCases {
  /** CAB-1/2: document series + number + FIN checked with the registry. */
  startRegistration(
    input: { document: { series: unknown; number: unknown }; fin: unknown },
    call: Call,
  ): Result<RegistrationStarted>
  /** CAB-4/5: contacts; sends a 6-digit code by SMS. */
  setContacts(
    cabinetId: string,
    input: { phone: unknown; email?: unknown },
    call: Call,
  ): Result<{ codeSentTo: string }>
  resendPhoneCode(cabinetId: string, call: Call): Result<{ codeSentTo: string }>
  confirmPhone(cabinetId: string, input: { code: unknown }, call: Call): Result<{ phone: string }>
  /** CAB-6/7 + WAL-1: password → cabinet number and an open account. */
  completeRegistration(
    cabinetId: string,
    input: { password: unknown },
    call: Call,
  ): Result<CabinetCompletedAnswer>
  /** Login by cabinet number or FIN + password. Lockout is the caller's concern (HTTP keeps the counters). */
  authenticate(input: { login: unknown; password: unknown }, call: Call): Result<LoginAnswer>
  overview(cabinetId: string, call: Call): Result<CabinetOverview>
  /** CAB-8. */
  renewDocument(
    cabinetId: string,
    input: { series: unknown; number: unknown },
    call: Call,
  ): Result<CabinetOverview>
  /** CAB-9: a new phone is pending until confirmed (→ confirmPhone). */
  changeContacts(
    cabinetId: string,
    input: { phone?: unknown; email?: unknown },
    call: Call,
  ): Result<CabinetOverview>
  /** CAB-10. */
  changePassword(
    cabinetId: string,
    input: { currentPassword: unknown; newPassword: unknown },
    call: Call,
  ): Result<void>
  /** CAB-10 recovery: a code to the confirmed number. Answers the same whether or not the login exists. */
  requestPasswordRecovery(input: { login: unknown }, call: Call): Result<{ codeSentTo?: string }>
  completePasswordRecovery(
    input: { login: unknown; code: unknown; newPassword: unknown },
    call: Call,
  ): Result<void>
}

export interface AccountUseCases {
  statement(cabinetId: string, call: Call): Result<AccountStatement>
  /** PAY-2: payments stated for the owner's documents, not yet credited. */
  unclaimedPayments(cabinetId: string, call: Call): Result<readonly UnclaimedPayment[]>
  /** PAY-2 (`listed`) and PAY-3 (`code`). */
  creditPayment(
    cabinetId: string,
    input: { paymentCode: unknown; method: 'listed' | 'code' },
    call: Call,
  ): Result<AccountStatement>
  /** WAL-3: a service fee; `chargeId` makes it idempotent. */
  chargeFee(
    cabinetId: string,
    input: { chargeId: unknown; service: unknown; purpose: unknown; amount: unknown },
    call: Call,
  ): Result<AccountStatement>
  /** WAL-4/5. */
  transfer(
    cabinetId: string,
    input: { toCabinetNumber: unknown; amount: unknown; password: unknown },
    call: Call,
  ): Result<TransferAnswer>
}

export interface PaymentUseCases {
  /** PAY-1: the provider's feed. Redelivery of the same payment is answered, not duplicated. */
  receive(
    notice: PaymentNotice,
    call: Call,
  ): Result<{ paymentCode: string; status: 'received' | 'already_received' }>
}

export interface Imtahan {
  readonly cabinets: CabinetUseCases
  readonly accounts: AccountUseCases
  readonly payments: PaymentUseCases
  /** RULES.md §3: sittings, registration, the exam day, results (see `exam/api.ts`). */
  readonly exams: ExamUseCases
  /** APL-2…APL-6 and the cabinet's exam record (CAB-11), see `appeal/api.ts`. */
  readonly appeals: AppealUseCases
  /** Runs the processes and projections until they have seen everything in the log (crash recovery, tests). */
  settle(): Promise<void>
  /** Starts background runners (processes, projections) following the log. */
  start(): Promise<void>
  /** Stops runners; does not close the store (the owner of the store closes it). */
  stop(): Promise<void>
}
