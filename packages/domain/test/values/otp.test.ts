import { describe, expect, it } from 'vitest'
import {
  type CodeVerifier,
  checkResend,
  DEFAULT_OTP_POLICY,
  judgeOtp,
  type OtpChallenge,
  type OtpPolicy,
} from '../../src/index.js'
import { left, right } from '../support/specification.js'

const issuedAt = new Date('2026-03-02T08:00:00Z')
const after = (seconds: number) => new Date(issuedAt.getTime() + seconds * 1000)
const verify: CodeVerifier = (code, hash) => hash === `hash:${code}`
const challenge = (failedAttempts = 0): OtpChallenge => ({
  codeHash: 'hash:123456',
  issuedAt,
  failedAttempts,
})
const judge = (
  code: string,
  at: Date,
  c: OtpChallenge | undefined = challenge(),
  policy = DEFAULT_OTP_POLICY,
) => judgeOtp(policy, c, code, at, verify)

describe('one-time codes (CAB-5)', () => {
  it('CAB-5: defaults are 5 minutes, 5 wrong tries, 60 s between sends', () => {
    expect(DEFAULT_OTP_POLICY).toEqual({ ttlSeconds: 300, maxAttempts: 5, resendIntervalSeconds: 60 })
  })

  it('CAB-5: the right code within its lifetime is accepted', () => {
    expect(right(judge('123456', after(299)))).toEqual({ kind: 'accepted' })
  })

  it('CAB-5: a code expires after the configured lifetime', () => {
    const error = left(judge('123456', after(300)))
    expect(error.code).toBe('otp.expired')
    expect(error.details?.expiredAt).toBe('2026-03-02T08:05:00.000Z')
    const shortLived: OtpPolicy = { ...DEFAULT_OTP_POLICY, ttlSeconds: 60 }
    expect(left(judge('123456', after(61), challenge(), shortLived)).code).toBe('otp.expired')
  })

  it('CAB-5: a wrong code is an outcome to record, counting down the tries left', () => {
    const outcome = right(judge('654321', after(10)))
    expect(outcome.kind).toBe('wrong')
    if (outcome.kind !== 'wrong') return
    expect(outcome.triesLeft).toBe(4)
    expect(outcome.error.code).toBe('otp.wrong_code')
    expect(outcome.error.message).toBe('The code is wrong; 4 tries left.')
    const last = right(judge('654321', after(10), challenge(4)))
    expect(last.kind === 'wrong' && last.error.message).toBe(
      'The code is wrong and no tries are left; ask for a new code.',
    )
  })

  it('CAB-5: after the maximum of wrong tries even the right code is refused', () => {
    expect(left(judge('123456', after(10), challenge(5))).code).toBe('otp.too_many_attempts')
    const lenient: OtpPolicy = { ...DEFAULT_OTP_POLICY, maxAttempts: 10 }
    expect(right(judge('123456', after(10), challenge(5), lenient))).toEqual({ kind: 'accepted' })
  })

  it('CAB-5: anything but six digits is wrong without asking the verifier', () => {
    const refusingVerifier: CodeVerifier = () => {
      throw new Error('must not be asked')
    }
    for (const code of ['12345', '1234567', '12345a', ' 123456'])
      expect(right(judgeOtp(DEFAULT_OTP_POLICY, challenge(), code, after(1), refusingVerifier)).kind).toBe(
        'wrong',
      )
  })

  it('CAB-5: without a code waiting there is nothing to confirm', () => {
    expect(left(judgeOtp(DEFAULT_OTP_POLICY, undefined, '123456', after(1), verify)).code).toBe('otp.no_code')
  })

  it('CAB-5: a new code may be sent only after the resend interval', () => {
    right(checkResend(DEFAULT_OTP_POLICY, undefined, issuedAt))
    const error = left(checkResend(DEFAULT_OTP_POLICY, challenge(), after(59)))
    expect(error.code).toBe('otp.resend_too_soon')
    expect(error.details?.retryAt).toBe('2026-03-02T08:01:00.000Z')
    right(checkResend(DEFAULT_OTP_POLICY, challenge(), after(60)))
    const slow: OtpPolicy = { ...DEFAULT_OTP_POLICY, resendIntervalSeconds: 120 }
    expect(left(checkResend(slow, challenge(), after(90))).code).toBe('otp.resend_too_soon')
  })
})
