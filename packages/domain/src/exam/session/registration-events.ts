import * as t from 'io-ts'
import { MoneyFromString } from '../../kernel/money.js'
import { Instant } from '../../kernel/time.js'
import { Id, Label } from '../../values/ids.js'
import { SubgroupCode } from '../model.js'
import { ExamId, wholeNumber } from '../sitting/codecs.js'
import { SeatNumber, Venue } from '../sitting/events.js'
import { sessionProps } from './codecs.js'

// EXM-10: registering for a sitting — request, seat, fee, slip or refusal.

/** EXM-10: the candidate asked to register for one subgroup; the fee is the sitting's at that moment. */
export const RegistrationRequested = t.type(
  {
    type: t.literal('RegistrationRequested'),
    ...sessionProps,
    examId: ExamId,
    cabinetId: Id,
    walletId: Id,
    subgroup: SubgroupCode,
    registrationId: Id,
    attempt: wholeNumber('Attempt', 1, 1000),
    fee: MoneyFromString,
    at: Instant,
  },
  'RegistrationRequested',
)

/** The sitting held a seat for this registration; carries what the fee step needs. */
export const SeatAssigned = t.type(
  {
    type: t.literal('SeatAssigned'),
    ...sessionProps,
    examId: ExamId,
    registrationId: Id,
    hallId: Id,
    seat: SeatNumber,
    slipNumber: Id,
    walletId: Id,
    fee: MoneyFromString,
    at: Instant,
  },
  'SeatAssigned',
)

/** EXM-10: the admission slip (buraxılış vərəqəsi) as issued. */
export const AdmissionSlip = t.type(
  {
    slipNumber: Id,
    examId: ExamId,
    title: Label,
    venue: Venue,
    hallId: Id,
    hallName: Label,
    seat: SeatNumber,
    subgroup: SubgroupCode,
    startsAt: Instant,
    arriveBy: Instant,
  },
  'AdmissionSlip',
)
export type AdmissionSlip = t.TypeOf<typeof AdmissionSlip>

/** EXM-10: fee paid (or none due): the candidate is registered and holds the slip. */
export const RegistrationConfirmed = t.type(
  {
    type: t.literal('RegistrationConfirmed'),
    ...sessionProps,
    registrationId: Id,
    chargeId: t.union([Id, t.null]),
    slip: AdmissionSlip,
    at: Instant,
  },
  'RegistrationConfirmed',
)

/** EXM-10: not registered (no seat, not enough money); `seatHeld` says whether a seat must be given back. */
export const RegistrationRefused = t.type(
  {
    type: t.literal('RegistrationRefused'),
    ...sessionProps,
    examId: ExamId,
    registrationId: Id,
    reason: t.string,
    seatHeld: t.boolean,
    at: Instant,
  },
  'RegistrationRefused',
)

export type RegistrationRequested = t.TypeOf<typeof RegistrationRequested>
export type SeatAssigned = t.TypeOf<typeof SeatAssigned>
export type RegistrationConfirmed = t.TypeOf<typeof RegistrationConfirmed>
export type RegistrationRefused = t.TypeOf<typeof RegistrationRefused>
