import { describe, expect, it } from 'vitest'
import { checkPassword, DEFAULT_PASSWORD_POLICY, type PasswordPolicy } from '../../src/index.js'
import { left, right } from '../support/specification.js'

const personal = { fin: '5ZK7P2Q', documentNumber: '12345678' }
const problemsOf = (password: string, policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY) => {
  const error = left(checkPassword(policy, password, personal))
  expect(error.code).toBe('password.too_weak')
  return error.details?.problems
}

describe('password policy (CAB-6)', () => {
  it('CAB-6: a password of 8–128 characters with a letter and a digit passes', () => {
    right(checkPassword(DEFAULT_PASSWORD_POLICY, 'Xəzər2026dəniz', personal))
    right(checkPassword(DEFAULT_PASSWORD_POLICY, 'a1b2c3d4', personal))
    right(checkPassword(DEFAULT_PASSWORD_POLICY, `${'a'.repeat(127)}1`, personal))
  })

  it('CAB-6: every failing rule is listed, so the owner fixes them in one go', () => {
    expect(problemsOf('')).toEqual(['at least 8 characters', 'at least one letter', 'at least one digit'])
    expect(problemsOf('abcdefgh')).toEqual(['at least one digit'])
    expect(problemsOf('12345679')).toEqual(['at least one letter'])
    expect(problemsOf(`${'a'.repeat(128)}1`)).toEqual(['at most 128 characters'])
    const error = left(checkPassword(DEFAULT_PASSWORD_POLICY, 'ab1', personal))
    expect(error.message).toBe('The password does not meet the policy: at least 8 characters.')
  })

  it('CAB-6: a letter of any alphabet counts (ə, ş, ç), and length counts characters, not bytes', () => {
    right(checkPassword(DEFAULT_PASSWORD_POLICY, 'şəkərçö1', personal))
    expect(problemsOf('ə1ə1ə1ə')).toEqual(['at least 8 characters'])
  })

  it('CAB-6: a password containing the FIN or the document number is refused, in any case', () => {
    expect(problemsOf('my5zk7p2qpass')).toEqual(['must not contain your FIN'])
    expect(problemsOf('doc12345678x')).toEqual(['must not contain your document number'])
    expect(problemsOf('5ZK7P2Q12345678')).toEqual([
      'must not contain your FIN',
      'must not contain your document number',
    ])
  })

  it('CAB-6: common passwords are refused whatever their case', () => {
    for (const common of ['Password1', 'QWERTY123', 'baku2026'])
      expect(problemsOf(common)).toEqual(['is one of the most common passwords'])
  })

  it('CAB-6: the policy is configurable', () => {
    const strict: PasswordPolicy = {
      minLength: 12,
      maxLength: 20,
      requireLetter: true,
      requireDigit: false,
      commonPasswords: ['correcthorsebattery'],
    }
    right(checkPassword(strict, 'correcthorses', personal))
    expect(problemsOf('shortpass', strict)).toEqual(['at least 12 characters'])
    expect(problemsOf('CorrectHorseBattery', strict)).toEqual(['is one of the most common passwords'])
    expect(problemsOf('a'.repeat(21), strict)).toEqual(['at most 20 characters'])
  })

  it('an empty identifier does not refuse every password', () => {
    right(checkPassword(DEFAULT_PASSWORD_POLICY, 'a1b2c3d4', { fin: '', documentNumber: '' }))
  })
})
