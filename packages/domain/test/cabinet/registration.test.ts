import { describe, expect, it } from 'vitest'
import {
  cabinetDecider,
  DEFAULT_CABINET_POLICY,
  RegistrationAttemptFailed,
  registrationAttemptFailed,
} from '../../src/index.js'
import { specification } from '../support/specification.js'
import {
  anotherNumber,
  at,
  cabinetId,
  cabinetNumber,
  codeIssued,
  complete,
  completed,
  context,
  document,
  fin,
  found,
  newDocument,
  otherFin,
  registering,
  registryPerson,
  started,
  T0,
} from './fixtures.js'

const cabinet = specification(cabinetDecider)
const start = (registry = found()) =>
  ({ type: 'StartRegistration', cabinetId, document, fin, registry }) as const
const completeWith = (password: string, number = cabinetNumber) =>
  ({ type: 'CompleteRegistration', password, passwordHash: 'scrypt:first', cabinetNumber: number }) as const

describe('Cabinet registration (CAB-1, CAB-2, CAB-6, CAB-7)', () => {
  it('CAB-1/CAB-2: a registry match starts the registration with the registry’s data', () => {
    cabinet.given([]).when(start(), context()).then([started])
  })

  it('CAB-1: no registry match is refused with a clear error and records nothing in the cabinet', () => {
    const error = cabinet
      .given([])
      .when(start({ found: false }), context())
      .thenFails('cabinet.registry_no_match')
    expect(error.message).toContain('do not match the population registry')
  })

  it('CAB-1: the failed attempt goes to an attempts stream as a fingerprint, never the FIN in clear', () => {
    const error = cabinet
      .given([])
      .when(start({ found: false }), context())
      .thenFails('cabinet.registry_no_match')
    const attempt = registrationAttemptFailed('fp:3f9a', error, T0)
    expect(attempt).toEqual({
      type: 'RegistrationAttemptFailed',
      finFingerprint: 'fp:3f9a',
      reason: 'cabinet.registry_no_match',
      attemptedAt: T0,
    })
    const stored = JSON.stringify(RegistrationAttemptFailed.encode(attempt))
    expect(stored).not.toContain(fin)
    expect(stored).not.toContain(document.number)
  })

  it('CAB-1: a registry answer about another FIN or another document counts as no match', () => {
    cabinet
      .given([])
      .when(start(found(registryPerson({ fin: otherFin }))), context())
      .thenFails('cabinet.registry_no_match')
    const otherDoc = registryPerson({
      document: { ...newDocument, issuedOn: '2021-06-01', expiresOn: '2031-05-31' },
    })
    cabinet
      .given([])
      .when(start(found(otherDoc)), context())
      .thenFails('cabinet.registry_no_match')
  })

  it('CAB-1: a series outside the configured list is refused; the list is policy', () => {
    const onlyPassports = { ...DEFAULT_CABINET_POLICY, documentSeries: ['AA'] }
    const error = cabinet
      .given([])
      .when(start(), context(T0, onlyPassports))
      .thenFails('cabinet.document_series_not_allowed')
    expect(error.message).toContain('use one of AA')
  })

  it('CAB-1: an expired document is refused; it is valid through its expiry day in Baku', () => {
    const expiring = registryPerson({
      document: { ...document, issuedOn: '2016-03-02', expiresOn: '2026-03-02' },
    })
    // 2026-03-02T19:59Z is 23:59 in Baku: still the expiry day.
    cabinet
      .given([])
      .when(start(found(expiring)), context(new Date('2026-03-02T19:59:00Z')))
      .events()
    const error = cabinet
      .given([])
      .when(start(found(expiring)), context(new Date('2026-03-02T20:00:00Z')))
      .thenFails('cabinet.document_expired')
    expect(error.details).toEqual({ expiresOn: '2026-03-02' })
  })

  it('CAB-1: repeating the same start is idempotent; other data on the same cabinet id is refused', () => {
    cabinet
      .given([started])
      .when(start(), context(at(5)))
      .then([])
    cabinet
      .given([started])
      .when({ ...start(), fin: otherFin }, context(at(5)))
      .thenFails('cabinet.registration_already_started')
    cabinet
      .given(complete)
      .when({ ...start(), fin: otherFin }, context(at(50)))
      .thenFails('cabinet.already_completed')
  })

  it('CAB-6/CAB-7: with a confirmed phone and a good password the cabinet completes; only the hash is kept', () => {
    const [event] = cabinet
      .given(registering)
      .when(completeWith('Xəzər2026dəniz'), context(at(30)))
      .then([completed])
    expect(JSON.stringify(event)).not.toContain('Xəzər2026dəniz')
  })

  it('CAB-6: a weak password is refused with every broken rule, and changes nothing', () => {
    const error = cabinet
      .given(registering)
      .when(completeWith('5zk7p2q'), context(at(30)))
      .thenFails('password.too_weak')
    expect(error.details?.problems).toEqual(['at least 8 characters', 'must not contain your FIN'])
  })

  it('CAB-6: the document number inside the password is refused', () => {
    const error = cabinet
      .given(registering)
      .when(completeWith('pass12345678'), context(at(30)))
      .thenFails('password.too_weak')
    // The fixture's mobile number ends in 1234567, which this password holds too.
    expect(error.details?.problems).toEqual([
      'must not contain your document number',
      'must not contain your mobile number',
    ])
  })

  it('CAB-5/CAB-7: a cabinet cannot be completed before the mobile number is confirmed', () => {
    cabinet
      .given([started])
      .when(completeWith('Xəzər2026dəniz'), context(at(30)))
      .thenFails('cabinet.phone_not_confirmed')
    cabinet
      .given([started, codeIssued()])
      .when(completeWith('Xəzər2026dəniz'), context(at(30)))
      .thenFails('cabinet.phone_not_confirmed')
  })

  it('CAB-7: completing again with the same number is idempotent; with another number it is refused', () => {
    cabinet
      .given(complete)
      .when(completeWith('Xəzər2026dəniz'), context(at(40)))
      .then([])
    cabinet
      .given(complete)
      .when(completeWith('Xəzər2026dəniz', anotherNumber), context(at(40)))
      .thenFails('cabinet.already_completed')
  })

  it('a cabinet that was never started refuses every later command', () => {
    cabinet.given([]).when(completeWith('Xəzər2026dəniz'), context()).thenFails('cabinet.not_found')
    cabinet.given([]).when({ type: 'ConfirmPhone', code: '111111' }, context()).thenFails('cabinet.not_found')
  })
})
