import { domainError } from '@imtahan/domain'
import { describe, expect, it } from 'vitest'
import { problemOf, statusFor } from '../src/problem.js'

describe('domain errors become RFC 9457 problems with a stable type and the right status', () => {
  it('maps error families to HTTP statuses', () => {
    expect(statusFor('validation.invalid_input')).toBe(400)
    expect(statusFor('auth.unauthenticated')).toBe(401)
    expect(statusFor('auth.forbidden')).toBe(403)
    expect(statusFor('auth.too_many_attempts')).toBe(429)
    expect(statusFor('payment.unknown_code')).toBe(404)
    expect(statusFor('cabinet.not_found')).toBe(404)
    expect(statusFor('payment.already_credited')).toBe(409)
    expect(statusFor('cabinet.already_exists')).toBe(409)
    expect(statusFor('store.wrong_expected_version')).toBe(409)
    expect(statusFor('idempotency.key_reused')).toBe(422)
    expect(statusFor('idempotency.in_progress')).toBe(409)
    expect(statusFor('wallet.insufficient_funds')).toBe(422)
  })

  it('keeps the message for a person, the code for a program and the details as extensions', () => {
    const problem = problemOf(
      domainError('wallet.insufficient_funds', 'The balance 3.00 AZN is less than 5.00 AZN.', {
        balance: '3.00',
      }),
      '/accounts/me/transfers',
    )
    expect(problem).toEqual({
      type: 'urn:imtahan:problem:wallet.insufficient_funds',
      title: 'Insufficient funds',
      status: 422,
      detail: 'The balance 3.00 AZN is less than 5.00 AZN.',
      code: 'wallet.insufficient_funds',
      balance: '3.00',
      instance: '/accounts/me/transfers',
    })
  })

  it('details cannot overwrite the standard members', () => {
    const problem = problemOf(
      domainError('wallet.not_open', 'A readable message.', { status: 200, type: 'evil' }),
    )
    expect(problem.status).toBe(422)
    expect(problem.type).toBe('urn:imtahan:problem:wallet.not_open')
  })
})
