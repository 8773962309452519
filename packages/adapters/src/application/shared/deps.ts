import {
  type Blueprint,
  type BusinessCalendar,
  type CabinetPolicy,
  DEFAULT_CABINET_POLICY,
  DEFAULT_FIN_HOLD_SECONDS,
  type PasswordStrength,
} from '@imtahan/domain'
import type { Logger } from '../../logging.js'
import type { Clock } from '../../ports/clock.js'
import type { CodeHasher } from '../../ports/code-hasher.js'
import type { FinFingerprint } from '../../ports/fin-fingerprint.js'
import type { PasswordHasher } from '../../ports/password-hasher.js'
import type { PopulationRegistry } from '../../ports/registry.js'
import type { SmsSender } from '../../ports/sms.js'
import type { CheckpointStore } from '../../runner/checkpoints.js'
import type { Leases } from '../../runner/lease.js'
import type { EventStore } from '../../store/port.js'
import type { CodesPerNumber } from './codes-per-number.js'
import type { ReadModelStorage } from './views.js'

/** Everything CAB-*, WAL-* and PAY-* call configurable, with the defaults of RULES.md. */
export type ImtahanPolicy = {
  readonly cabinet: CabinetPolicy
  /** CAB-3: how long an unfinished registration holds its FIN. */
  readonly finHoldSeconds: number
  /** CAB-1: failed registry checks per FIN within the window before further tries are refused. */
  readonly registrationAttempts: { readonly max: number; readonly windowSeconds: number }
}

export const DEFAULT_IMTAHAN_POLICY: ImtahanPolicy = {
  cabinet: DEFAULT_CABINET_POLICY,
  finHoldSeconds: DEFAULT_FIN_HOLD_SECONDS,
  registrationAttempts: { max: 10, windowSeconds: 60 * 60 },
}

export type ExamOptions = {
  readonly blueprint?: Blueprint
  /** How often the deadline scheduler looks for sessions past their deadline (EXM-16). */
  readonly deadlineTickMs?: number
  /** Sessions per chunk of a re-score (SCO-5): one multi-stream read and one append each. Default 1,000. */
  readonly rescoreChunkSize?: number
}

export const DEFAULT_DEADLINE_TICK_MS = 5_000

export type AppealOptions = {
  /** APL-2's configurable number of business days (default 3). */
  readonly businessDays?: number
}

export type ImtahanDeps = {
  readonly store: EventStore
  readonly registry: PopulationRegistry
  readonly sms: SmsSender
  /**
   * Codes sent per phone number across cabinets (at most the cabinet policy's
   * `codeLimit` a window): `createCodesPerNumber(counters, key)`, the SQL
   * counters to share it among processes; one process's memory when absent.
   */
  readonly codesPerNumber?: CodesPerNumber
  readonly passwordHasher: PasswordHasher
  /** CAB-6 strength estimator; zxcvbn (ports/password-strength.ts) when absent. */
  readonly passwordStrength?: PasswordStrength
  readonly codeHasher: CodeHasher
  readonly finFingerprint: FinFingerprint
  readonly clock: Clock
  readonly policy?: Partial<ImtahanPolicy>
  /** Where the process runner keeps its place in the log; in memory when absent (it then replays on start). */
  readonly checkpoints?: CheckpointStore
  /** Where the read models are kept (views/): in the store's database for SQL; in memory when absent. */
  readonly readModels?: ReadModelStorage
  /**
   * Who runs the projections and each process manager in `start()`: one
   * holder among all processes on the database (`createPostgresLeases`); a
   * process-local map when absent (one process).
   */
  readonly leases?: Leases
  /**
   * Other processes write to the same store (several `imtahan serve` on
   * PostgreSQL or EventStoreDB): `start()` then follows the log into this
   * process's cached sittings and sessions (cache-follower.ts). Off by
   * default: one process alone would only read back its own writes.
   */
  readonly otherWriters?: boolean
  readonly logger?: Logger
  /** Exams: the blueprint forms are checked against and the deadline scheduler's tick (defaults above). */
  readonly exam?: ExamOptions
  /** New cabinet and transfer ids (UUIDs); random by default. */
  readonly newId?: () => string
  /** CAL-2: the business calendar appeal windows are counted with; the shipped files (`loadCalendar()`) when absent. */
  readonly calendar?: BusinessCalendar
  /** APL-2: the appeal window's business days (default 3). */
  readonly appeals?: AppealOptions
}
