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
      minScore: 3,
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

describe('security: common passwords accepted', () => {
  const weak = () => ({
    score: 1,
    warning: 'This is a commonly used password.',
    suggestions: ['Add more words.'],
  })
  const strong = () => ({ score: 4, suggestions: [] })

  it("common passwords accepted: a score below the policy is refused with the estimator's explanation", () => {
    const error = left(checkPassword(DEFAULT_PASSWORD_POLICY, 'Salam123', personal, weak))
    expect(error.code).toBe('password.too_weak')
    expect(error.details?.problems).toEqual(['is too easy to guess (This is a commonly used password)'])
    expect(error.details?.feedback).toEqual({
      warning: 'This is a commonly used password.',
      suggestions: ['Add more words.'],
    })
    right(checkPassword(DEFAULT_PASSWORD_POLICY, 'Kitab2026yay', personal, strong))
  })

  it("common passwords accepted: the estimator is given the person's own data as user inputs", () => {
    const seen: string[][] = []
    const spy = (_: string, inputs: readonly string[]) => {
      seen.push([...inputs])
      return strong()
    }
    right(
      checkPassword(
        DEFAULT_PASSWORD_POLICY,
        'Kitab2026yay',
        { ...personal, cabinetNumber: '10000014', phones: ['+994501234567'], names: ['Rəşad', 'Məmmədov'] },
        spy,
      ),
    )
    expect(seen[0]).toEqual(
      expect.arrayContaining([
        '5ZK7P2Q',
        '12345678',
        '10000014',
        '+994501234567',
        '501234567',
        'Rəşad',
        'Məmmədov',
      ]),
    )
  })

  it('common passwords accepted: a password containing the cabinet number or the mobile number is refused', () => {
    const mine = { ...personal, cabinetNumber: '10000014', phones: ['+994501234567'] }
    const problems = (password: string) =>
      left(checkPassword(DEFAULT_PASSWORD_POLICY, password, mine, strong)).details?.problems
    expect(problems('Kabinet10000014!')).toEqual(['must not contain your cabinet number'])
    expect(problems('Zeng501234567x')).toEqual(['must not contain your mobile number'])
    expect(problems('Zeng1234567xy')).toEqual(['must not contain your mobile number'])
  })
})
