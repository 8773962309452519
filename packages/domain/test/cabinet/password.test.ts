import { describe, expect, it } from 'vitest'
import { cabinetDecider, fold, refusalIn } from '../../src/index.js'
import { specification } from '../support/specification.js'
import {
  at,
  cabinetId,
  codeIssued,
  complete,
  context,
  hashOf,
  newPhone,
  phone,
  registering,
} from './fixtures.js'

const cabinet = specification(cabinetDecider)
const change = (currentPasswordVerified: boolean, newPassword = 'Gəncə2027bağ') =>
  ({
    type: 'ChangePassword',
    currentPasswordVerified,
    newPassword,
    newPasswordHash: 'scrypt:second',
  }) as const
const recoveryIssued = (code = '777777', issuedAt = at(100)) =>
  ({ type: 'PasswordRecoveryCodeIssued', cabinetId, phone, codeHash: hashOf(code), issuedAt }) as const
const recover = (code: string, newPassword = 'Gəncə2027bağ') =>
  ({ type: 'CompletePasswordRecovery', code, newPassword, newPasswordHash: 'scrypt:third' }) as const

describe('Changing and recovering the password (CAB-10)', () => {
  it('CAB-10: with the current password verified, a new password meeting the policy replaces the hash', () => {
    cabinet
      .given(complete)
      .when(change(true), context(at(100)))
      .then([{ type: 'PasswordChanged', cabinetId, passwordHash: 'scrypt:second', changedAt: at(100) }])
  })

  it('CAB-10: without the current password nothing changes', () => {
    cabinet
      .given(complete)
      .when(change(false), context(at(100)))
      .thenFails('cabinet.wrong_password')
  })

  it('CAB-6/CAB-10: the new password meets the same policy', () => {
    cabinet
      .given(complete)
      .when(change(true, 'password1'), context(at(100)))
      .thenFails('password.too_weak')
  })

  it('CAB-10: a recovery code goes to the confirmed number, not to a pending one', () => {
    const pendingChange = [...complete, codeIssued(newPhone, '444444', at(90))]
    cabinet
      .given(pendingChange)
      .when({ type: 'RequestPasswordRecovery', codeHash: hashOf('777777') }, context(at(100)))
      .then([recoveryIssued()])
  })

  it('CAB-10: the right recovery code and a good password set the new hash', () => {
    cabinet
      .given([...complete, recoveryIssued()])
      .when(recover('777777'), context(at(130)))
      .then([{ type: 'PasswordRecovered', cabinetId, passwordHash: 'scrypt:third', recoveredAt: at(130) }])
  })

  it('CAB-5/CAB-10: a wrong recovery code is recorded and refused; the limit on tries holds', () => {
    const events = cabinet
      .given([...complete, recoveryIssued()])
      .when(recover('000000'), context(at(130)))
      .then([{ type: 'PasswordRecoveryCodeRejected', cabinetId, triesLeft: 4, rejectedAt: at(130) }])
    expect(refusalIn(events)?.code).toBe('otp.wrong_code')
    const exhausted = [0, 1, 2, 3, 4].map((i) => ({
      type: 'PasswordRecoveryCodeRejected' as const,
      cabinetId,
      triesLeft: 4 - i,
      rejectedAt: at(120 + i),
    }))
    cabinet
      .given([...complete, recoveryIssued(), ...exhausted])
      .when(recover('777777'), context(at(130)))
      .thenFails('otp.too_many_attempts')
  })

  it('CAB-10: a weak new password is refused and the code stays usable', () => {
    const history = [...complete, recoveryIssued()]
    cabinet
      .given(history)
      .when(recover('777777', 'short1'), context(at(130)))
      .thenFails('password.too_weak')
    cabinet
      .given(history)
      .when(recover('777777'), context(at(140)))
      .events()
  })

  it('CAB-5/CAB-10: recovery codes expire, respect the resend interval, and die with a password change', () => {
    cabinet
      .given([...complete, recoveryIssued()])
      .when(recover('777777'), context(at(400)))
      .thenFails('otp.expired')
    cabinet
      .given([...complete, recoveryIssued()])
      .when({ type: 'RequestPasswordRecovery', codeHash: hashOf('888888') }, context(at(130)))
      .thenFails('otp.resend_too_soon')
    const changed = {
      type: 'PasswordChanged',
      cabinetId,
      passwordHash: 'scrypt:second',
      changedAt: at(110),
    } as const
    cabinet
      .given([...complete, recoveryIssued(), changed])
      .when(recover('777777'), context(at(120)))
      .thenFails('otp.no_code')
  })

  it('CAB-10: a used recovery code cannot be used again', () => {
    const recovered = {
      type: 'PasswordRecovered',
      cabinetId,
      passwordHash: 'scrypt:third',
      recoveredAt: at(130),
    } as const
    const state = fold(cabinetDecider, [...complete, recoveryIssued(), recovered])
    expect(state.stage === 'open' && state.passwordHash).toBe('scrypt:third')
    cabinet
      .given([...complete, recoveryIssued(), recovered])
      .when(recover('777777'), context(at(140)))
      .thenFails('otp.no_code')
  })

  it('CAB-10: password commands need a completed cabinet', () => {
    cabinet
      .given(registering)
      .when(change(true), context(at(100)))
      .thenFails('cabinet.not_completed')
    cabinet
      .given(registering)
      .when({ type: 'RequestPasswordRecovery', codeHash: 'h' }, context(at(100)))
      .thenFails('cabinet.not_completed')
    cabinet
      .given([])
      .when(recover('777777'), context(at(100)))
      .thenFails('cabinet.not_found')
  })
})
