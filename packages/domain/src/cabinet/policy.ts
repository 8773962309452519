import { DEFAULT_DOCUMENT_SERIES } from '../values/document.js'
import { type CodeVerifier, DEFAULT_OTP_POLICY, type OtpPolicy } from '../values/otp.js'
import { DEFAULT_PASSWORD_POLICY, type PasswordPolicy, type PasswordStrength } from '../values/password.js'

/**
 * How many codes (SMS) one cabinet may be sent: at most `maxPerWindow` in any
 * `windowSeconds` (a day), and from the third code on each resend waits
 * twice as long as the one before (the OTP policy's interval, then ×2, ×4…). Counted from the
 * cabinet's own `…CodeIssued` events, so it holds across processes.
 */
export type CodeLimitPolicy = { readonly maxPerWindow: number; readonly windowSeconds: number }

export const DEFAULT_CODE_LIMIT_POLICY: CodeLimitPolicy = { maxPerWindow: 5, windowSeconds: 24 * 60 * 60 }

/** Everything CAB-1…CAB-10 call configurable, in one object the operator can replace. */
export type CabinetPolicy = {
  readonly documentSeries: readonly string[]
  readonly otp: OtpPolicy
  readonly password: PasswordPolicy
  /** Daily cap and escalating resend delay of codes; `DEFAULT_CODE_LIMIT_POLICY` when absent. */
  readonly codeLimit?: CodeLimitPolicy
}

export const DEFAULT_CABINET_POLICY: CabinetPolicy = {
  documentSeries: DEFAULT_DOCUMENT_SERIES,
  otp: DEFAULT_OTP_POLICY,
  password: DEFAULT_PASSWORD_POLICY,
  codeLimit: DEFAULT_CODE_LIMIT_POLICY,
}

export type CabinetContext = {
  readonly now: Date
  readonly policy: CabinetPolicy
  /** Compares a typed code with a stored salted hash (the adapters' hasher). */
  readonly verifyCode: CodeVerifier
  /** CAB-6: the adapters' strength estimator (zxcvbn); without it only the rule checks apply. */
  readonly passwordStrength?: PasswordStrength
}
