import * as t from 'io-ts'
import { MoneyFromString } from '../../kernel/money.js'
import { Instant } from '../../kernel/time.js'
import { Id, Label } from '../../values/ids.js'
import { Answers, SubgroupCode, TaskId } from '../model.js'
import { ExamId, wholeNumber } from '../sitting/codecs.js'
import { AnnulmentGrounds, SeatNumber, Venue } from '../sitting/events.js'
import { ScoreRevisedOnAppeal } from './appeal-codecs.js'
import { ScoreResultCodec } from './codecs.js'

const session = { sessionId: Id }

/** EXM-10: the candidate asked to register for one subgroup; the fee is the sitting's at that moment. */
export const RegistrationRequested = t.type(
  {
    type: t.literal('RegistrationRequested'),
    ...session,
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
    ...session,
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
    ...session,
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
    ...session,
    examId: ExamId,
    registrationId: Id,
    reason: t.string,
    seatHeld: t.boolean,
    at: Instant,
  },
  'RegistrationRefused',
)

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
    ...session,
    documentKind: DocumentKind,
    checkedBy: Id,
    at: Instant,
  },
  'CandidateAdmitted',
)

export const AdmissionRefused = t.type(
  {
    type: t.literal('AdmissionRefused'),
    ...session,
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
    ...session,
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
  { type: t.literal('StaffCalled'), ...session, requestId: Id, message: Label, at: Instant },
  'StaffCalled',
)

export const ScreenField = t.keyof(
  { surname: null, name: null, patronymic: null, subgroup: null },
  'ScreenField',
)

export const CandidateDataCorrected = t.type(
  {
    type: t.literal('CandidateDataCorrected'),
    ...session,
    correctionId: Id,
    changes: t.readonlyArray(t.type({ field: ScreenField, from: t.string, to: t.string })),
    reason: Label,
    correctedBy: Id,
    at: Instant,
  },
  'CandidateDataCorrected',
)

/** EXM-15: one answer, in any order; a later answer to the same task replaces it. */
export const TaskAnswered = t.type(
  { type: t.literal('TaskAnswered'), ...session, taskId: TaskId, answer: Label, at: Instant },
  'TaskAnswered',
)

export const AnswerCleared = t.type(
  { type: t.literal('AnswerCleared'), ...session, taskId: TaskId, at: Instant },
  'AnswerCleared',
)

export const Incident = t.keyof({ power: null, workstation: null, network: null }, 'Incident')

/** EXM-19: every timer change is an event with its reason. */
export const SessionPaused = t.type(
  {
    type: t.literal('SessionPaused'),
    ...session,
    pauseId: Id,
    incident: Incident,
    note: Label,
    pausedBy: Id,
    at: Instant,
  },
  'SessionPaused',
)

export const SessionResumed = t.type(
  {
    type: t.literal('SessionResumed'),
    ...session,
    pauseId: Id,
    /** Added back to the deadline. */
    pausedMs: wholeNumber('PausedMs', 0, 7 * 24 * 3_600_000),
    resumedBy: Id,
    at: Instant,
  },
  'SessionResumed',
)

export const ExtensionGranted = t.type(
  {
    type: t.literal('ExtensionGranted'),
    ...session,
    extensionId: Id,
    minutes: wholeNumber('ExtensionMinutes', 1, 24 * 60),
    reason: Label,
    grantedBy: Id,
    at: Instant,
  },
  'ExtensionGranted',
)

/** EXM-20, from the booklet's list of prohibitions. */
export const ViolationKind = t.keyof(
  {
    prohibited_item: null,
    left_and_returned: null,
    talking_or_helping: null,
    looking_at_another_screen: null,
    changing_seat: null,
    disorder: null,
    left_before_earliest_finish: null,
  },
  'ViolationKind',
)
export type ViolationKind = t.TypeOf<typeof ViolationKind>

export const ViolationOutcome = t.keyof({ warning: null, removal: null }, 'ViolationOutcome')

export const ViolationRecorded = t.type(
  {
    type: t.literal('ViolationRecorded'),
    ...session,
    violationId: Id,
    kind: ViolationKind,
    outcome: ViolationOutcome,
    note: Label,
    evidenceRef: t.union([Label, t.null]),
    recordedBy: Id,
    at: Instant,
  },
  'ViolationRecorded',
)

export const EndReason = t.keyof({ finished: null, time_up: null, removed: null }, 'EndReason')
export type EndReason = t.TypeOf<typeof EndReason>

/**
 * EXM-16/EXM-17. Self-contained on purpose: the final answers, the form and
 * the score under the key as it stood (`reviewIds`). Everything after the
 * end — re-scores, annulments, court — needs only this event and what
 * follows it, so an adapter can fold a finished session from here and a
 * re-score of 10,000 sessions never replays their keystrokes.
 */
export const SessionEnded = t.type(
  {
    type: t.literal('SessionEnded'),
    ...session,
    examId: ExamId,
    subgroup: SubgroupCode,
    formId: Id,
    reason: EndReason,
    answers: Answers,
    startedAt: Instant,
    deadline: Instant,
    endedAt: Instant,
    result: ScoreResultCodec,
    reviewIds: t.readonlyArray(Id),
  },
  'SessionEnded',
)

export const ResultAnnulmentGrounds = t.union(
  [AnnulmentGrounds, t.literal('removal')],
  'ResultAnnulmentGrounds',
)

/** EXM-20/21/22: who decided, when, why, on what evidence; for copying, the other session of the pair. */
export const ResultAnnulled = t.type(
  {
    type: t.literal('ResultAnnulled'),
    ...session,
    decisionId: Id,
    grounds: ResultAnnulmentGrounds,
    counterpartSessionIds: t.readonlyArray(Id),
    decidedBy: Id,
    decidedAt: Instant,
    reason: Label,
    evidenceRef: Label,
    at: Instant,
  },
  'ResultAnnulled',
)

/** EXM-22: the candidate took an annulment to court. */
export const CourtChallengeFiled = t.type(
  {
    type: t.literal('CourtChallengeFiled'),
    ...session,
    challengeId: Id,
    decisionId: Id,
    caseReference: Label,
    at: Instant,
  },
  'CourtChallengeFiled',
)

export const CourtOutcome = t.keyof({ annulment_upheld: null, annulment_reversed: null }, 'CourtOutcome')

export const CourtRulingRecorded = t.type(
  {
    type: t.literal('CourtRulingRecorded'),
    ...session,
    challengeId: Id,
    decisionId: Id,
    outcome: CourtOutcome,
    rulingReference: Label,
    at: Instant,
  },
  'CourtRulingRecorded',
)

/** SCO-5/APL-6: a re-score after an expert review; the old score stays in the history. */
export const ScoreRevised = t.type(
  {
    type: t.literal('ScoreRevised'),
    ...session,
    reviewId: Id,
    reason: Label,
    oldScore: wholeNumber('Score', 0, 1000),
    newScore: wholeNumber('Score', 0, 1000),
    oldPassed: t.boolean,
    newPassed: t.boolean,
    result: ScoreResultCodec,
    at: Instant,
  },
  'ScoreRevised',
)

export const SessionEvent = t.union(
  [
    RegistrationRequested,
    SeatAssigned,
    RegistrationConfirmed,
    RegistrationRefused,
    CandidateAdmitted,
    AdmissionRefused,
    HallRegistered,
    StaffCalled,
    CandidateDataCorrected,
    TaskAnswered,
    AnswerCleared,
    SessionPaused,
    SessionResumed,
    ExtensionGranted,
    ViolationRecorded,
    SessionEnded,
    ResultAnnulled,
    CourtChallengeFiled,
    CourtRulingRecorded,
    ScoreRevised,
    ScoreRevisedOnAppeal,
  ],
  'SessionEvent',
)

export type RegistrationRequested = t.TypeOf<typeof RegistrationRequested>
export type SeatAssigned = t.TypeOf<typeof SeatAssigned>
export type RegistrationConfirmed = t.TypeOf<typeof RegistrationConfirmed>
export type RegistrationRefused = t.TypeOf<typeof RegistrationRefused>
export type CandidateAdmitted = t.TypeOf<typeof CandidateAdmitted>
export type AdmissionRefused = t.TypeOf<typeof AdmissionRefused>
export type HallRegistered = t.TypeOf<typeof HallRegistered>
export type StaffCalled = t.TypeOf<typeof StaffCalled>
export type CandidateDataCorrected = t.TypeOf<typeof CandidateDataCorrected>
export type TaskAnswered = t.TypeOf<typeof TaskAnswered>
export type AnswerCleared = t.TypeOf<typeof AnswerCleared>
export type SessionPaused = t.TypeOf<typeof SessionPaused>
export type SessionResumed = t.TypeOf<typeof SessionResumed>
export type ExtensionGranted = t.TypeOf<typeof ExtensionGranted>
export type ViolationRecorded = t.TypeOf<typeof ViolationRecorded>
export type SessionEnded = t.TypeOf<typeof SessionEnded>
export type ResultAnnulled = t.TypeOf<typeof ResultAnnulled>
export type CourtChallengeFiled = t.TypeOf<typeof CourtChallengeFiled>
export type CourtRulingRecorded = t.TypeOf<typeof CourtRulingRecorded>
export type ScoreRevised = t.TypeOf<typeof ScoreRevised>
export type SessionEvent = t.TypeOf<typeof SessionEvent>
