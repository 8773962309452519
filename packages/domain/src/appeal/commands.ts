import * as t from 'io-ts'
import { AppealCorrection } from '../exam/session/appeal-codecs.js'
import { Id, Label } from '../values/ids.js'
import { DisputedTaskIds, Grounds, Reasons } from './codecs.js'

/*
 * Commands of the Appeal aggregate, as codecs (`decodeWith(AppealCommand)`).
 * The instant is always `context.now`. Who may send which (RULES.md §5): the
 * candidate files from the cabinet; the appeals commission decides; court
 * filings and rulings are recorded by the commission's staff (or the
 * candidate files the case from the cabinet) — the HTTP layer checks roles.
 */

/**
 * Candidate (APL-2/APL-3). `appealId` is `nextAppealId(sessionId, earlier)`
 * (ids.ts); `cabinetId` is the logged-in cabinet, which must be the session's.
 */
export const FileAppeal = t.type(
  {
    type: t.literal('FileAppeal'),
    appealId: Id,
    sessionId: Id,
    cabinetId: Id,
    taskIds: DisputedTaskIds,
    grounds: Grounds,
  },
  'FileAppeal',
)

/** Appeals commission (APL-4): the result stays as it is. */
export const RejectAppeal = t.type(
  { type: t.literal('RejectAppeal'), appealId: Id, reasons: Reasons, decidedBy: Id },
  'RejectAppeal',
)

const Corrections = t.readonlyArray(AppealCorrection)

/** Appeals commission (APL-4): corrected judgements for some or all of the disputed tasks. */
export const UpholdAppeal = t.type(
  {
    type: t.literal('UpholdAppeal'),
    appealId: Id,
    corrections: Corrections,
    reasons: Reasons,
    decidedBy: Id,
  },
  'UpholdAppeal',
)

/** APL-5: the candidate took the commission's decision to court. */
export const FileAppealCourtCase = t.type(
  { type: t.literal('FileAppealCourtCase'), appealId: Id, caseReference: Label, recordedBy: Id },
  'FileAppealCourtCase',
)

export const CourtRulingOutcome = t.keyof(
  { decision_stands: null, result_changed: null },
  'CourtRulingOutcome',
)
export type CourtRulingOutcome = t.TypeOf<typeof CourtRulingOutcome>

/**
 * APL-5: the court's ruling. `result_changed` carries the court's corrected
 * judgements (at least one) and becomes the session's final revision;
 * `decision_stands` carries none.
 */
export const RecordAppealCourtRuling = t.type(
  {
    type: t.literal('RecordAppealCourtRuling'),
    appealId: Id,
    outcome: CourtRulingOutcome,
    corrections: Corrections,
    rulingReference: Label,
    recordedBy: Id,
  },
  'RecordAppealCourtRuling',
)

export const AppealCommand = t.union(
  [FileAppeal, RejectAppeal, UpholdAppeal, FileAppealCourtCase, RecordAppealCourtRuling],
  'AppealCommand',
)

export type FileAppeal = t.TypeOf<typeof FileAppeal>
export type RejectAppeal = t.TypeOf<typeof RejectAppeal>
export type UpholdAppeal = t.TypeOf<typeof UpholdAppeal>
export type FileAppealCourtCase = t.TypeOf<typeof FileAppealCourtCase>
export type RecordAppealCourtRuling = t.TypeOf<typeof RecordAppealCourtRuling>
export type AppealCommand = t.TypeOf<typeof AppealCommand>
