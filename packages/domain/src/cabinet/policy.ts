import { DEFAULT_DOCUMENT_SERIES } from '../values/document.js'
import { type CodeVerifier, DEFAULT_OTP_POLICY, type OtpPolicy } from '../values/otp.js'
import { DEFAULT_PASSWORD_POLICY, type PasswordPolicy, type PasswordStrength } from '../values/password.js'

/** Everything CAB-1…CAB-10 call configurable, in one object the operator can replace. */
export type CabinetPolicy = {
  readonly documentSeries: readonly string[]
  readonly otp: OtpPolicy
  readonly password: PasswordPolicy
}

export const DEFAULT_CABINET_POLICY: CabinetPolicy = {
  documentSeries: DEFAULT_DOCUMENT_SERIES,
  otp: DEFAULT_OTP_POLICY,
  password: DEFAULT_PASSWORD_POLICY,
}

export type CabinetContext = {
  readonly now: Date
  readonly policy: CabinetPolicy
  /** Compares a typed code with a stored salted hash (the adapters' hasher). */
  readonly verifyCode: CodeVerifier
  /** CAB-6: the adapters' strength estimator (zxcvbn); without it only the rule checks apply. */
  readonly passwordStrength?: PasswordStrength
}
