import * as E from 'fp-ts/lib/Either.js'
import { type DomainError, domainError } from '../kernel/errors.js'

export type PasswordPolicy = {
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
  minLength: 8,
  maxLength: 128,
  requireLetter: true,
  requireDigit: true,
  commonPasswords: COMMON_PASSWORDS,
}

/**
 * CAB-6: every broken requirement is listed, so the person fixes them in one
 * go. Personal identifiers (FIN, document number) must not appear inside the
 * password in any case.
 */
export const checkPassword = (
  policy: PasswordPolicy,
  password: string,
  personal: { readonly fin: string; readonly documentNumber: string },
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
  if (policy.commonPasswords.includes(lower)) problems.push('is one of the most common passwords')
  return problems.length === 0
    ? E.right(undefined)
    : E.left(
        domainError('password.too_weak', `The password does not meet the policy: ${problems.join('; ')}.`, {
          problems,
        }),
      )
}
