import * as t from 'io-ts'
import { Instant } from '../../kernel/time.js'
import { Id, Label } from '../../values/ids.js'
import { SubgroupCode } from '../model.js'
import { SeatNumber } from '../sitting/events.js'
import { sessionProps } from './codecs.js'

// EXM-11…EXM-13: at the hall — admission, the seat, the screen and its corrections.

export const DocumentKind = t.keyof(
  { id_card: null, temporary_id_card: null, passport: null },
  'DocumentKind',
)

/** EXM-11/EXM-12: why a candidate was not admitted. Every failing check is listed. */
export const AdmissionReason = t.keyof(
  {
    late: null,
    document_missing: null,
    document_not_original: null,
    document_expired: null,
    document_not_this_persons: null,
    slip_missing: null,
    slip_not_this_sitting: null,
    slip_not_this_candidates: null,
  },
  'AdmissionReason',
)
export type AdmissionReason = t.TypeOf<typeof AdmissionReason>

export const CandidateAdmitted = t.type(
  {
    type: t.literal('CandidateAdmitted'),
    ...sessionProps,
    documentKind: DocumentKind,
    checkedBy: Id,
    at: Instant,
  },
  'CandidateAdmitted',
)

export const AdmissionRefused = t.type(
  {
    type: t.literal('AdmissionRefused'),
    ...sessionProps,
    reasons: t.readonlyArray(AdmissionReason),
    checkedBy: Id,
    at: Instant,
  },
  'AdmissionRefused',
)

/** EXM-13: what the candidate's screen shows; staff may correct it before the start. */
export const Screen = t.type(
  { surname: Label, name: Label, patronymic: Label, subgroup: SubgroupCode },
  'Screen',
)
export type Screen = t.TypeOf<typeof Screen>

export const HallRegistered = t.type(
  {
    type: t.literal('HallRegistered'),
    ...sessionProps,
    hallId: Id,
    seat: SeatNumber,
    screen: Screen,
    registeredBy: Id,
    at: Instant,
  },
  'HallRegistered',
)

/** EXM-13: "Personala müraciət". */
export const StaffCalled = t.type(
  { type: t.literal('StaffCalled'), ...sessionProps, requestId: Id, message: Label, at: Instant },
  'StaffCalled',
)

export const ScreenField = t.keyof(
  { surname: null, name: null, patronymic: null, subgroup: null },
  'ScreenField',
)

export const CandidateDataCorrected = t.type(
  {
    type: t.literal('CandidateDataCorrected'),
    ...sessionProps,
    correctionId: Id,
    changes: t.readonlyArray(t.type({ field: ScreenField, from: t.string, to: t.string })),
    reason: Label,
    correctedBy: Id,
    at: Instant,
  },
  'CandidateDataCorrected',
)

export type CandidateAdmitted = t.TypeOf<typeof CandidateAdmitted>
export type AdmissionRefused = t.TypeOf<typeof AdmissionRefused>
export type HallRegistered = t.TypeOf<typeof HallRegistered>
export type StaffCalled = t.TypeOf<typeof StaffCalled>
export type CandidateDataCorrected = t.TypeOf<typeof CandidateDataCorrected>
