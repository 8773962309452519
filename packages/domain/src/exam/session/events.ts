import * as t from 'io-ts'
import {
  AdmissionRefused,
  CandidateAdmitted,
  CandidateDataCorrected,
  HallRegistered,
  StaffCalled,
} from './admission-events.js'
import { ScoreRevisedOnAppeal } from './appeal-codecs.js'
import {
  AnswerCleared,
  ExtensionGranted,
  SessionEnded,
  SessionPaused,
  SessionResumed,
  TaskAnswered,
  ViolationRecorded,
} from './conduct-events.js'
import { CourtChallengeFiled, CourtRulingRecorded, ResultAnnulled, ScoreRevised } from './outcome-events.js'
import {
  RegistrationConfirmed,
  RegistrationRefused,
  RegistrationRequested,
  SeatAssigned,
} from './registration-events.js'

export * from './admission-events.js'
export * from './conduct-events.js'
export * from './outcome-events.js'
/** Every event of an ExamSession stream; the codecs live with their moment of the exam. */
export * from './registration-events.js'

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

export type SessionEvent = t.TypeOf<typeof SessionEvent>
