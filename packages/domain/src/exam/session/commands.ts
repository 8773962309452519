import * as t from 'io-ts'
import { Instant, LocalDate } from '../../kernel/time.js'
import { Id, Label } from '../../values/ids.js'
import { SubgroupCode, TaskId } from '../model.js'
import { ExamId, wholeNumber } from '../sitting/codecs.js'
import { AnnulmentGrounds, SeatNumber } from '../sitting/events.js'
import { ApplyAppealCorrections } from './appeal-codecs.js'
import { CourtOutcome, DocumentKind, Incident, ViolationKind, ViolationOutcome } from './events.js'

/*
 * Commands of a candidate's session, as codecs (decode input with
 * `decodeWith(SessionCommand)`). Every command but RequestRegistration names
 * its session; the instant is always `context.now`.
 */

const session = { sessionId: Id }

/** Candidate (EXM-10). The session id is derived from exam + cabinet (see streams.ts). */
export const RequestRegistration = t.type(
  {
    type: t.literal('RequestRegistration'),
    examId: ExamId,
    cabinetId: Id,
    walletId: Id,
    subgroup: SubgroupCode,
  },
  'RequestRegistration',
)

/** Registration process: the sitting held this seat. */
export const AssignSeat = t.type(
  {
    type: t.literal('AssignSeat'),
    ...session,
    registrationId: Id,
    hallId: Id,
    seat: SeatNumber,
    slipNumber: Id,
  },
  'AssignSeat',
)

/** Registration process: the wallet charged the fee. */
export const ConfirmRegistration = t.type(
  { type: t.literal('ConfirmRegistration'), ...session, registrationId: Id, chargeId: Id },
  'ConfirmRegistration',
)

/** Registration process: no seat, or the fee could not be charged. */
export const RefuseRegistration = t.type(
  { type: t.literal('RefuseRegistration'), ...session, registrationId: Id, reason: t.string },
  'RefuseRegistration',
)

/**
 * Staff at the entrance (EXM-11/EXM-12). `null` = not presented. Whether the
 * document is this person's (photo, FIN against the cabinet) is the staff's
 * and the application's finding, so no personal data enters the event.
 */
export const PresentedDocument = t.type(
  { kind: DocumentKind, original: t.boolean, holderMatches: t.boolean, validUntil: LocalDate },
  'PresentedDocument',
)

export const AdmitCandidate = t.type(
  {
    type: t.literal('AdmitCandidate'),
    ...session,
    document: t.union([PresentedDocument, t.null]),
    slip: t.union([t.type({ slipNumber: Id, examId: ExamId }), t.null]),
    checkedBy: Id,
  },
  'AdmitCandidate',
)

/** Staff in the hall (EXM-13): document and slip shown again, the candidate sits at the slip's computer. */
export const RegisterInHall = t.type(
  {
    type: t.literal('RegisterInHall'),
    ...session,
    hallId: Id,
    seat: SeatNumber,
    screen: t.type({ surname: Label, name: Label, patronymic: Label }),
    registeredBy: Id,
  },
  'RegisterInHall',
)

export const CallStaff = t.type(
  { type: t.literal('CallStaff'), ...session, requestId: Id, message: Label },
  'CallStaff',
)

export const CorrectCandidateData = t.type(
  {
    type: t.literal('CorrectCandidateData'),
    ...session,
    correctionId: Id,
    corrections: t.partial({ surname: Label, name: Label, patronymic: Label, subgroup: SubgroupCode }),
    reason: Label,
    correctedBy: Id,
  },
  'CorrectCandidateData',
)

export const AnswerTask = t.type(
  { type: t.literal('AnswerTask'), ...session, taskId: TaskId, answer: Label },
  'AnswerTask',
)

export const ClearAnswer = t.type(
  { type: t.literal('ClearAnswer'), ...session, taskId: TaskId },
  'ClearAnswer',
)

export const FinishSession = t.type({ type: t.literal('FinishSession'), ...session }, 'FinishSession')

/** Scheduler or reader (EXM-16): records the end of a session whose deadline has passed; otherwise nothing. */
export const CloseIfDue = t.type({ type: t.literal('CloseIfDue'), ...session }, 'CloseIfDue')

export const PauseSession = t.type(
  {
    type: t.literal('PauseSession'),
    ...session,
    pauseId: Id,
    incident: Incident,
    note: Label,
    pausedBy: Id,
  },
  'PauseSession',
)

export const ResumeSession = t.type(
  { type: t.literal('ResumeSession'), ...session, resumedBy: Id },
  'ResumeSession',
)

export const GrantExtension = t.type(
  {
    type: t.literal('GrantExtension'),
    ...session,
    extensionId: Id,
    minutes: wholeNumber('ExtensionMinutes', 1, 24 * 60),
    reason: Label,
    grantedBy: Id,
  },
  'GrantExtension',
)

export const RecordViolation = t.type(
  {
    type: t.literal('RecordViolation'),
    ...session,
    violationId: Id,
    kind: ViolationKind,
    outcome: ViolationOutcome,
    note: Label,
    evidenceRef: t.union([Label, t.null]),
    recordedBy: Id,
  },
  'RecordViolation',
)

/** Annulment process: the board's decision (EXM-21) reaches each session it names. */
export const AnnulResult = t.type(
  {
    type: t.literal('AnnulResult'),
    ...session,
    decisionId: Id,
    grounds: AnnulmentGrounds,
    counterpartSessionIds: t.readonlyArray(Id),
    decidedBy: Id,
    decidedAt: Instant,
    reason: Label,
    evidenceRef: Label,
  },
  'AnnulResult',
)

export const FileCourtChallenge = t.type(
  {
    type: t.literal('FileCourtChallenge'),
    ...session,
    challengeId: Id,
    decisionId: Id,
    caseReference: Label,
  },
  'FileCourtChallenge',
)

export const RecordCourtRuling = t.type(
  {
    type: t.literal('RecordCourtRuling'),
    ...session,
    challengeId: Id,
    outcome: CourtOutcome,
    rulingReference: Label,
  },
  'RecordCourtRuling',
)

/** Re-score process (SCO-5): apply one expert review of the sitting to this session. */
export const ReviseScore = t.type({ type: t.literal('ReviseScore'), ...session, reviewId: Id }, 'ReviseScore')

export const SessionCommand = t.union(
  [
    RequestRegistration,
    AssignSeat,
    ConfirmRegistration,
    RefuseRegistration,
    AdmitCandidate,
    RegisterInHall,
    CallStaff,
    CorrectCandidateData,
    AnswerTask,
    ClearAnswer,
    FinishSession,
    CloseIfDue,
    PauseSession,
    ResumeSession,
    GrantExtension,
    RecordViolation,
    AnnulResult,
    FileCourtChallenge,
    RecordCourtRuling,
    ReviseScore,
    ApplyAppealCorrections,
  ],
  'SessionCommand',
)

export type RequestRegistration = t.TypeOf<typeof RequestRegistration>
export type AssignSeat = t.TypeOf<typeof AssignSeat>
export type ConfirmRegistration = t.TypeOf<typeof ConfirmRegistration>
export type RefuseRegistration = t.TypeOf<typeof RefuseRegistration>
export type AdmitCandidate = t.TypeOf<typeof AdmitCandidate>
export type RegisterInHall = t.TypeOf<typeof RegisterInHall>
export type CallStaff = t.TypeOf<typeof CallStaff>
export type CorrectCandidateData = t.TypeOf<typeof CorrectCandidateData>
export type AnswerTask = t.TypeOf<typeof AnswerTask>
export type ClearAnswer = t.TypeOf<typeof ClearAnswer>
export type FinishSession = t.TypeOf<typeof FinishSession>
export type CloseIfDue = t.TypeOf<typeof CloseIfDue>
export type PauseSession = t.TypeOf<typeof PauseSession>
export type ResumeSession = t.TypeOf<typeof ResumeSession>
export type GrantExtension = t.TypeOf<typeof GrantExtension>
export type RecordViolation = t.TypeOf<typeof RecordViolation>
export type AnnulResult = t.TypeOf<typeof AnnulResult>
export type FileCourtChallenge = t.TypeOf<typeof FileCourtChallenge>
export type RecordCourtRuling = t.TypeOf<typeof RecordCourtRuling>
export type ReviseScore = t.TypeOf<typeof ReviseScore>
export type SessionCommand = t.TypeOf<typeof SessionCommand>
