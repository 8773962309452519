import { describe, expect, it } from 'vitest'
import {
  cabinetDecider,
  cabinetOverviewOf,
  DEFAULT_CABINET_POLICY,
  fold,
  refusalIn,
} from '../../src/index.js'
import { specification } from '../support/specification.js'
import {
  at,
  cabinetId,
  codeIssued,
  complete,
  confirmed,
  context,
  email,
  hashOf,
  newPhone,
  phone,
  registering,
  started,
} from './fixtures.js'

const cabinet = specification(cabinetDecider)
const confirm = (code: string) => ({ type: 'ConfirmPhone', code }) as const
const wrongTry = (triesLeft: number, seconds: number) =>
  ({ type: 'PhoneCodeRejected', cabinetId, phone, triesLeft, rejectedAt: at(seconds) }) as const

describe('Cabinet contacts and confirmation codes (CAB-4, CAB-5, CAB-9)', () => {
  it('CAB-4/CAB-5: a mobile number (and optional e-mail) is recorded and a code is sent to it', () => {
    cabinet
      .given([started])
      .when({ type: 'SetContacts', phone, email, codeHash: hashOf('111111') }, context(at(10)))
      .then([codeIssued(), { type: 'EmailChanged', cabinetId, email, changedAt: at(10) }])
  })

  it('CAB-5: the code is never in an event in clear, only its hash', () => {
    const events = cabinet
      .given([started])
      .when({ type: 'SetContacts', phone, codeHash: 'salt$9f2c' }, context(at(10)))
      .events()
    expect(JSON.stringify(events)).not.toContain('111111')
    expect(events).toEqual([
      { type: 'PhoneCodeIssued', cabinetId, phone, codeHash: 'salt$9f2c', issuedAt: at(10) },
    ])
  })

  it('CAB-5: the right code confirms the number', () => {
    cabinet
      .given([started, codeIssued()])
      .when(confirm('111111'), context(at(20)))
      .then([confirmed()])
  })

  it('CAB-5: a wrong code is refused to the caller but the failed try is recorded', () => {
    const events = cabinet
      .given([started, codeIssued()])
      .when(confirm('999999'), context(at(20)))
      .then([wrongTry(4, 20)])
    const refusal = refusalIn(events)
    expect(refusal?.code).toBe('otp.wrong_code')
    expect(refusal?.message).toBe('The code is wrong; 4 tries left.')
    expect(refusalIn([confirmed()])).toBeUndefined()
  })

  it('CAB-5: after 5 wrong tries even the right code is refused, and that refusal changes nothing', () => {
    const tries = [4, 3, 2, 1, 0].map((left, i) => wrongTry(left, 20 + i))
    cabinet
      .given([started, codeIssued(), ...tries])
      .when(confirm('111111'), context(at(30)))
      .thenFails('otp.too_many_attempts')
  })

  it('CAB-5: the number of tries is configurable', () => {
    const strict = { ...DEFAULT_CABINET_POLICY, otp: { ...DEFAULT_CABINET_POLICY.otp, maxAttempts: 1 } }
    cabinet
      .given([started, codeIssued(), wrongTry(0, 20)])
      .when(confirm('111111'), context(at(30), strict))
      .thenFails('otp.too_many_attempts')
  })

  it('CAB-5: a code expires after 5 minutes; a new one may be sent', () => {
    cabinet
      .given([started, codeIssued()])
      .when(confirm('111111'), context(at(310)))
      .thenFails('otp.expired')
    cabinet
      .given([started, codeIssued()])
      .when({ type: 'ResendPhoneCode', codeHash: hashOf('222222') }, context(at(310)))
      .then([codeIssued(phone, '222222', at(310))])
  })

  it('CAB-5: a new code replaces the old one, and its tries start again', () => {
    const history = [started, codeIssued(), wrongTry(4, 20), codeIssued(phone, '222222', at(80))]
    cabinet
      .given(history)
      .when(confirm('111111'), context(at(90)))
      .then([wrongTry(4, 90)])
    cabinet
      .given(history)
      .when(confirm('222222'), context(at(90)))
      .then([confirmed(phone, at(90))])
  })

  it('CAB-5: a code may be re-sent no sooner than 60 s after the last one', () => {
    const error = cabinet
      .given([started, codeIssued()])
      .when({ type: 'ResendPhoneCode', codeHash: hashOf('222222') }, context(at(69)))
      .thenFails('otp.resend_too_soon')
    expect(error.details).toEqual({ retryAt: at(70).toISOString() })
    cabinet
      .given([started])
      .when({ type: 'ResendPhoneCode', codeHash: 'h' }, context(at(69)))
      .thenFails('cabinet.no_pending_phone')
  })

  it('CAB-5: the interval holds for a different number too, so alternating numbers cannot flood anyone', () => {
    cabinet
      .given([started, codeIssued()])
      .when({ type: 'SetContacts', phone: newPhone, codeHash: hashOf('333333') }, context(at(30)))
      .thenFails('otp.resend_too_soon')
  })

  it('CAB-4/CAB-5: retries are idempotent — the same code hash, or a confirmation already made', () => {
    cabinet
      .given([started, codeIssued()])
      .when({ type: 'SetContacts', phone, codeHash: hashOf('111111') }, context(at(15)))
      .then([])
    cabinet
      .given(registering)
      .when(confirm('111111'), context(at(25)))
      .then([])
    // The number is already confirmed: nothing to send.
    cabinet
      .given(registering)
      .when({ type: 'SetContacts', phone, codeHash: hashOf('555555') }, context(at(25)))
      .then([])
  })

  it('CAB-9: a changed number stays pending; the confirmed number stays in force until the new code is entered', () => {
    const change = { type: 'ChangeContacts', phone: newPhone, codeHash: hashOf('444444') } as const
    const [issued] = cabinet
      .given(complete)
      .when(change, context(at(100)))
      .then([codeIssued(newPhone, '444444', at(100))])
    const pendingView = cabinetOverviewOf([...complete, issued!])
    expect(pendingView?.phone).toEqual({ confirmed: phone, pending: newPhone })
    const state = fold(cabinetDecider, [...complete, issued!])
    expect(state.stage === 'open' && state.overview.phone.confirmed).toBe(phone)
    cabinet
      .given([...complete, issued!])
      .when(confirm('444444'), context(at(120)))
      .then([confirmed(newPhone, at(120))])
  })

  it('CAB-9: going back to the confirmed number cancels the pending change', () => {
    const history = [...complete, codeIssued(newPhone, '444444', at(100))]
    cabinet
      .given(history)
      .when({ type: 'ChangeContacts', phone }, context(at(110)))
      .then([{ type: 'PhoneChangeCancelled', cabinetId, phone: newPhone, cancelledAt: at(110) }])
    cabinet
      .given(complete)
      .when({ type: 'ChangeContacts', phone }, context(at(110)))
      .then([])
  })

  it('CAB-9: the e-mail changes at once; a new number needs a code hash; an empty change is refused', () => {
    cabinet
      .given(complete)
      .when({ type: 'ChangeContacts', email }, context(at(100)))
      .then([{ type: 'EmailChanged', cabinetId, email, changedAt: at(100) }])
    cabinet
      .given(complete)
      .when({ type: 'ChangeContacts', phone: newPhone }, context(at(100)))
      .thenFails('cabinet.code_missing')
    cabinet
      .given(complete)
      .when({ type: 'ChangeContacts' }, context(at(100)))
      .thenFails('cabinet.nothing_to_change')
  })

  it('CAB-4/CAB-9: contacts are set during registration and changed only after it', () => {
    cabinet
      .given(complete)
      .when({ type: 'SetContacts', phone: newPhone, codeHash: 'h' }, context(at(100)))
      .thenFails('cabinet.already_completed')
    cabinet
      .given(registering)
      .when({ type: 'ChangeContacts', email }, context(at(100)))
      .thenFails('cabinet.not_completed')
  })
})
