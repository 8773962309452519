import * as E from 'fp-ts/lib/Either.js'
import { type DomainError, domainError } from '../kernel/errors.js'

/** What a strength estimator (zxcvbn, in the adapters) says of a password: score 0–4 and why. */
export type PasswordVerdict = {
  readonly score: number
  readonly warning?: string
  readonly suggestions: readonly string[]
}

/** The port: estimates a password's strength, given the person's own data to count as guessable. */
export type PasswordStrength = (password: string, userInputs: readonly string[]) => PasswordVerdict

export type PasswordPolicy = {
  /** Refused below this strength score (0–4) when an estimator is given: 3 = "safely unguessable". */
  readonly minScore: number
  readonly minLength: number
  readonly maxLength: number
  readonly requireLetter: boolean
  readonly requireDigit: boolean
  /** Lower-case; a password equal to one of these (case-insensitively) is refused. */
  readonly commonPasswords: readonly string[]
}

/** The most used passwords of leaked lists that still pass the length/letter/digit checks. */
export const COMMON_PASSWORDS = [
  'password1',
  'password123',
  'passw0rd',
  'qwerty123',
  'qwerty12',
  'abc12345',
  'abcd1234',
  '1q2w3e4r',
  '1qaz2wsx',
  'zaq12wsx',
  'iloveyou1',
  'welcome1',
  'admin123',
  'letmein1',
  'baku2024',
  'baku2025',
  'baku2026',
  'azerbaijan1',
  'qwe12345',
  'a1234567',
  '12345678a',
  'trustno1',
  'sunshine1',
  'football1',
] as const

/** CAB-6 defaults. */
export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = {
  minScore: 3,
  minLength: 8,
  maxLength: 128,
  requireLetter: true,
  requireDigit: true,
  commonPasswords: COMMON_PASSWORDS,
}

/** The person's own data a password must not contain, and a strength estimator must count as known. */
export type PersonalData = {
  readonly fin: string
  readonly documentNumber: string
  readonly cabinetNumber?: string | undefined
  /** E.164 numbers (`+994501234567`): the national part and the subscriber's 7 digits are refused too. */
  readonly phones?: readonly string[]
  readonly names?: readonly string[]
}

/** Parts of a phone number a person would type into a password. */
const phoneParts = (phone: string): string[] => {
  const digits = phone.replace(/\D/g, '')
  return digits.length < 7 ? [] : [digits.slice(-9), digits.slice(-7)]
}

/**
 * CAB-6: every broken requirement is listed, so the person fixes them in one
 * go. Personal identifiers (FIN, document number, cabinet number, phone)
 * must not appear inside the password in any case. With an estimator
 * (`strength`), a score below `policy.minScore` is refused with its
 * explanation (`feedback`).
 */
export const checkPassword = (
  policy: PasswordPolicy,
  password: string,
  personal: PersonalData,
  strength?: PasswordStrength,
): E.Either<DomainError, void> => {
  const problems: string[] = []
  const length = [...password].length
  if (length < policy.minLength) problems.push(`at least ${policy.minLength} characters`)
  if (length > policy.maxLength) problems.push(`at most ${policy.maxLength} characters`)
  if (policy.requireLetter && !/\p{L}/u.test(password)) problems.push('at least one letter')
  if (policy.requireDigit && !/\d/.test(password)) problems.push('at least one digit')
  const lower = password.toLowerCase()
  // An empty identifier is "contained" in every string; it would refuse every password.
  const contains = (part: string) => part !== '' && lower.includes(part.toLowerCase())
  if (contains(personal.fin)) problems.push('must not contain your FIN')
  if (contains(personal.documentNumber)) problems.push('must not contain your document number')
  if (personal.cabinetNumber !== undefined && contains(personal.cabinetNumber))
    problems.push('must not contain your cabinet number')
  if ((personal.phones ?? []).flatMap(phoneParts).some(contains))
    problems.push('must not contain your mobile number')
  if (policy.commonPasswords.includes(lower)) problems.push('is one of the most common passwords')
  let feedback: Omit<PasswordVerdict, 'score'> | undefined
  if (problems.length === 0 && strength !== undefined) {
    const userInputs = [
      personal.fin,
      personal.documentNumber,
      ...(personal.cabinetNumber === undefined ? [] : [personal.cabinetNumber]),
      ...(personal.phones ?? []).flatMap((phone) => [phone, ...phoneParts(phone)]),
      ...(personal.names ?? []),
    ].filter((input) => input !== '')
    const verdict = strength(password, userInputs)
    if (verdict.score < policy.minScore) {
      const why = verdict.warning === undefined ? '' : ` (${verdict.warning.replace(/\.$/, '')})`
      problems.push(`is too easy to guess${why}`)
      feedback = {
        ...(verdict.warning === undefined ? {} : { warning: verdict.warning }),
        suggestions: verdict.suggestions,
      }
    }
  }
  return problems.length === 0
    ? E.right(undefined)
    : E.left(
        domainError('password.too_weak', `The password does not meet the policy: ${problems.join('; ')}.`, {
          problems,
          ...(feedback === undefined ? {} : { feedback }),
        }),
      )
}
