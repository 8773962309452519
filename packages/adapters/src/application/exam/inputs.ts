import {
  AdmitCandidate,
  CorrectCandidateData,
  DecideAnnulment,
  DefineExam,
  FileCourtChallenge,
  GrantExtension,
  Id,
  Label,
  PauseSession,
  PublishResults,
  RecordCourtRuling,
  RecordExpertReview,
  RecordViolation,
  RegisterInHall,
  SubgroupCode,
} from '@imtahan/domain'
import * as t from 'io-ts'

/*
 * The decoded inputs of the exam use cases, built from the domain's codecs
 * (the fields of the commands they become). The edges (HTTP, CLI) decode;
 * the use cases take the types and build the commands.
 */

/** Who acts: the staff member's or board member's id (the command's `…By`). */
const by = Id

/* ---------------------------------------------------------------- candidate */

/** EXM-10: one subgroup of the sitting. */
export const ExamRegistrationInput = t.type({ subgroup: SubgroupCode }, 'ExamRegistrationInput')
export type ExamRegistrationInput = t.TypeOf<typeof ExamRegistrationInput>

/** EXM-15: whether the answer fits the task (an option letter, a short open answer) is the decider's rule. */
export const AnswerInput = t.type({ answer: Label }, 'AnswerInput')
export type AnswerInput = t.TypeOf<typeof AnswerInput>

/** EXM-13 "Personala müraciət". */
export const StaffCallInput = t.type({ message: Label }, 'StaffCallInput')
export type StaffCallInput = t.TypeOf<typeof StaffCallInput>

/* -------------------------------------------------------------------- board */

const define = DefineExam.props

/**
 * EXM-1…3, EXM-10: a sitting. `timing` is required (`{}` is every default),
 * so a misspelt `timing` can never pass as "default timing"; each timing
 * field left out takes its default of RULES.md §3.3.
 */
export const DefineSittingInput = t.type(
  {
    examId: define.examId,
    title: define.title,
    startsAt: define.startsAt,
    venue: define.venue,
    halls: define.halls,
    forms: define.forms,
    fee: define.fee,
    timing: define.timing,
    by,
  },
  'DefineSittingInput',
)
export type DefineSittingInput = t.TypeOf<typeof DefineSittingInput>

/** SCO-5 dry run. */
export const ReviewInput = t.type({ review: RecordExpertReview.props.review }, 'ReviewInput')
export type ReviewInput = t.TypeOf<typeof ReviewInput>

/** SCO-5. */
export const RecordReviewInput = t.type({ review: RecordExpertReview.props.review, by }, 'RecordReviewInput')
export type RecordReviewInput = t.TypeOf<typeof RecordReviewInput>

const annulment = DecideAnnulment.props

/** EXM-21/22. */
export const AnnulmentInput = t.type(
  {
    decisionId: annulment.decisionId,
    grounds: annulment.grounds,
    sessionIds: annulment.sessionIds,
    reason: annulment.reason,
    evidenceRef: annulment.evidenceRef,
    by,
  },
  'AnnulmentInput',
)
export type AnnulmentInput = t.TypeOf<typeof AnnulmentInput>

/** EXM-22. */
export const CourtChallengeInput = t.type(
  {
    challengeId: FileCourtChallenge.props.challengeId,
    decisionId: FileCourtChallenge.props.decisionId,
    caseReference: FileCourtChallenge.props.caseReference,
  },
  'CourtChallengeInput',
)
export type CourtChallengeInput = t.TypeOf<typeof CourtChallengeInput>

/** EXM-22. */
export const CourtRulingInput = t.type(
  {
    challengeId: RecordCourtRuling.props.challengeId,
    outcome: RecordCourtRuling.props.outcome,
    rulingReference: RecordCourtRuling.props.rulingReference,
  },
  'CourtRulingInput',
)
export type CourtRulingInput = t.TypeOf<typeof CourtRulingInput>

/** APL-1: `publishAt` absent is now. */
export const PublicationInput = t.intersection(
  [t.type({ by }), t.partial({ publishAt: PublishResults.props.publishAt })],
  'PublicationInput',
)
export type PublicationInput = t.TypeOf<typeof PublicationInput>

/** EXM-19 accommodation. */
export const ExtensionInput = t.type(
  {
    extensionId: GrantExtension.props.extensionId,
    minutes: GrantExtension.props.minutes,
    reason: GrantExtension.props.reason,
    by,
  },
  'ExtensionInput',
)
export type ExtensionInput = t.TypeOf<typeof ExtensionInput>

/* -------------------------------------------------------------------- staff */

/** EXM-11/12: `null` = not presented. */
export const AdmissionInput = t.type(
  { document: AdmitCandidate.props.document, slip: AdmitCandidate.props.slip, by },
  'AdmissionInput',
)
export type AdmissionInput = t.TypeOf<typeof AdmissionInput>

/** EXM-13: the screen's names come from the cabinet, never from staff. */
export const HallRegistrationInput = t.type(
  { hallId: RegisterInHall.props.hallId, seat: RegisterInHall.props.seat, by },
  'HallRegistrationInput',
)
export type HallRegistrationInput = t.TypeOf<typeof HallRegistrationInput>

/** EXM-13. */
export const CandidateDataCorrectionInput = t.type(
  {
    correctionId: CorrectCandidateData.props.correctionId,
    corrections: CorrectCandidateData.props.corrections,
    reason: CorrectCandidateData.props.reason,
    by,
  },
  'CandidateDataCorrectionInput',
)
export type CandidateDataCorrectionInput = t.TypeOf<typeof CandidateDataCorrectionInput>

/** EXM-19. */
export const PauseInput = t.type(
  {
    pauseId: PauseSession.props.pauseId,
    incident: PauseSession.props.incident,
    note: PauseSession.props.note,
    by,
  },
  'PauseInput',
)
export type PauseInput = t.TypeOf<typeof PauseInput>

/** EXM-19. */
export const ResumeInput = t.type({ by }, 'ResumeInput')
export type ResumeInput = t.TypeOf<typeof ResumeInput>

const violation = RecordViolation.props

/** EXM-18/20: `evidenceRef` absent is none. */
export const ViolationInput = t.intersection(
  [
    t.type({
      violationId: violation.violationId,
      kind: violation.kind,
      outcome: violation.outcome,
      note: violation.note,
      by,
    }),
    t.partial({ evidenceRef: Label }),
  ],
  'ViolationInput',
)
export type ViolationInput = t.TypeOf<typeof ViolationInput>
