import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import { describe, expect, it } from 'vitest'
import {
  CabinetEvent,
  CabinetNumberAllocated,
  cabinetNumberFor,
  decodeWith,
  FinReservationEvent,
  personDetailsOf,
  RegistrationAttemptFailed,
  RegistryAnswer,
} from '../../src/index.js'
import { left } from '../support/specification.js'
import {
  at,
  cabinetId,
  cabinetNumber,
  codeIssued,
  completed,
  confirmed,
  email,
  newPhone,
  otherCabinetId,
  phone,
  registryPerson,
  renewedPerson,
  started,
} from './fixtures.js'

const cabinetEvents: CabinetEvent[] = [
  started,
  codeIssued(),
  { type: 'PhoneCodeRejected', cabinetId, phone, triesLeft: 4, rejectedAt: at(15) },
  confirmed(),
  { type: 'PhoneChangeCancelled', cabinetId, phone: newPhone, cancelledAt: at(16) },
  { type: 'EmailChanged', cabinetId, email, changedAt: at(17) },
  completed,
  {
    type: 'DocumentRenewed',
    cabinetId,
    person: personDetailsOf(renewedPerson),
    document: renewedPerson.document,
    renewedAt: at(40),
  },
  { type: 'PasswordChanged', cabinetId, passwordHash: 'scrypt:2', changedAt: at(50) },
  { type: 'PasswordRecoveryCodeIssued', cabinetId, phone, codeHash: 'salt$x', issuedAt: at(60) },
  { type: 'PasswordRecoveryCodeRejected', cabinetId, triesLeft: 3, rejectedAt: at(61) },
  { type: 'PasswordRecovered', cabinetId, passwordHash: 'scrypt:3', recoveredAt: at(62) },
]

const roundTrips = <A, O>(codec: t.Type<A, O, unknown>, value: A) => {
  // Through JSON, as a store keeps it: instants become ISO text and come back as Dates.
  const stored: unknown = JSON.parse(JSON.stringify(codec.encode(value)))
  const back = codec.decode(stored)
  expect(E.isRight(back) && back.right).toEqual(value)
}

describe('event codecs', () => {
  it.each(cabinetEvents.map((event) => [event.type, event] as const))(
    '%s round-trips through its codec',
    (_, event) => {
      roundTrips(CabinetEvent, event)
    },
  )

  it('every cabinet event type has a round-trip case', () => {
    expect(new Set(cabinetEvents.map((e) => e.type)).size).toBe(CabinetEvent.types.length)
  })

  it('FIN-reservation, allocator and attempt events round-trip', () => {
    roundTrips(FinReservationEvent, { type: 'FinReserved', cabinetId, reservedAt: at(1) })
    roundTrips(FinReservationEvent, {
      type: 'FinReservationReassigned',
      cabinetId,
      previousCabinetId: otherCabinetId,
      reservedAt: at(2),
    })
    roundTrips(FinReservationEvent, { type: 'FinReservationCompleted', cabinetId, completedAt: at(3) })
    roundTrips(CabinetNumberAllocated, {
      type: 'CabinetNumberAllocated',
      cabinetId,
      sequence: 1 as t.Int,
      cabinetNumber,
    })
    roundTrips(RegistrationAttemptFailed, {
      type: 'RegistrationAttemptFailed',
      finFingerprint: 'fp',
      reason: 'cabinet.registry_no_match',
      attemptedAt: at(4),
    })
    roundTrips(RegistryAnswer, { found: true, person: registryPerson() })
    roundTrips(RegistryAnswer, { found: false })
  })

  it('a stored event with a bad field is refused with a message naming the field', () => {
    const bad = {
      ...(CabinetEvent.encode(completed) as object),
      cabinetNumber: '12345678',
      completedAt: 'yesterday',
    }
    const error = left(decodeWith(CabinetEvent)(bad))
    expect(error.message).toContain('cabinetNumber: a cabinet number is 8 digits with a valid check digit')
    expect(error.message).toContain('completedAt: expected an ISO-8601 instant')
    const wrongSequence = {
      type: 'CabinetNumberAllocated',
      cabinetId,
      sequence: 1.5,
      cabinetNumber: cabinetNumberFor(1),
    }
    expect(left(decodeWith(CabinetNumberAllocated)(wrongSequence)).message).toContain('sequence')
  })
})
