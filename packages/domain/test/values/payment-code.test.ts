import { describe, expect, it } from 'vitest'
import { PaymentCode } from '../../src/index.js'
import { decoded, expectRefused } from './codec-assertions.js'

describe('payment code (PAY-1, PAY-3)', () => {
  it('PAY-3: spaces and case are forgiven, as codes are copied from receipts', () => {
    expect(decoded(PaymentCode, ' ab12-cd34 ')).toBe('AB12-CD34')
    expect(decoded(PaymentCode, 'AB12 CD34 EF')).toBe('AB12CD34EF')
    expect(decoded(PaymentCode, 'A'.repeat(32))).toBe('A'.repeat(32))
  })

  it('PAY-3: too short, too long, edge hyphens and other symbols are refused with a readable message', () => {
    for (const bad of ['ABCDE', 'A'.repeat(33), '-ABCDEF', 'ABCDEF-', 'AB_12345', 'ÄB12345', '', 123456])
      expectRefused(PaymentCode, bad, 'a payment code is 6 to 32 letters, digits and hyphens')
  })
})
