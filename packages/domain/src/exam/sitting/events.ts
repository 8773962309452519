import * as t from 'io-ts'
import { MoneyFromString } from '../../kernel/money.js'
import { Instant, LocalDate } from '../../kernel/time.js'
import { Id, Label } from '../../values/ids.js'
import { Blueprint } from '../blueprint.js'
import { AnswerKey, Form, GroupCode, Review } from '../model.js'
import { OpenAnswerNormalisationVersion } from '../normalise.js'
import { ExamId, wholeNumber } from './codecs.js'
import { Timing } from './timing.js'

export const SeatCount = wholeNumber('SeatCount', 1, 10_000)
export const SeatNumber = wholeNumber('SeatNumber', 1, 10_000)

export const Venue = t.type({ name: Label, address: Label }, 'Venue')
export type Venue = t.TypeOf<typeof Venue>

export const Hall = t.type({ hallId: Id, name: Label, seats: SeatCount }, 'Hall')
export type Hall = t.TypeOf<typeof Hall>

/** One form per group offered, with its key. The key never leaves the sitting's stream and views built for the board. */
export const FormWithKey = t.type({ form: Form, key: AnswerKey }, 'FormWithKey')
export type FormWithKey = t.TypeOf<typeof FormWithKey>

const examDefinedV1 = {
  type: t.literal('ExamDefined'),
  examId: ExamId,
  title: Label,
  /** The calendar day of `startsAt` in Asia/Baku, kept for people and for the calendar rules. */
  date: LocalDate,
  startsAt: Instant,
  venue: Venue,
  halls: t.readonlyArray(Hall),
  forms: t.readonlyArray(FormWithKey),
  /** EXM-10: configurable per sitting, may be 0.00. */
  fee: MoneyFromString,
  timing: Timing,
  definedBy: Id,
  definedAt: Instant,
}

/**
 * `ExamDefined` as recorded before version 2: no blueprint, no pass marks, no
 * normalisation version. Stored events never change; this codec only reads
 * them, and `upcastExamDefined` (upcast.ts) turns them into version 2.
 */
export const ExamDefinedV1 = t.type(examDefinedV1, 'ExamDefinedV1')
export type ExamDefinedV1 = t.TypeOf<typeof ExamDefinedV1>

/**
 * The board defined the sitting (RULES.md §3.3); the forms passed the blueprint
 * check (EXM-1…EXM-3). Version 2 carries what an auditor needs to rescore it
 * without the SPEC tables: the blueprint the forms were checked against, with
 * the pass marks (SCO-4), and the open-answer normalisation rule (SCO-2).
 */
export const ExamDefined = t.type(
  {
    ...examDefinedV1,
    version: t.literal(2),
    blueprint: Blueprint,
    openAnswerNormalisation: OpenAnswerNormalisationVersion,
  },
  'ExamDefined',
)

const seat = { examId: ExamId, registrationId: Id, sessionId: Id }

/** EXM-10: a seat is held for one registration; the slip number is unique within the sitting. */
export const SeatAllocated = t.type(
  {
    type: t.literal('SeatAllocated'),
    ...seat,
    hallId: Id,
    seat: SeatNumber,
    slipNumber: Id,
    at: Instant,
  },
  'SeatAllocated',
)

/** Recorded (not just refused) so that a redelivered request gets the same answer. */
export const SeatAllocationDeclined = t.type(
  { type: t.literal('SeatAllocationDeclined'), ...seat, reason: t.string, at: Instant },
  'SeatAllocationDeclined',
)

/** The registration did not go through (e.g. the fee could not be charged): the seat is free again. */
export const SeatReleased = t.type(
  { type: t.literal('SeatReleased'), ...seat, hallId: Id, seat: SeatNumber, reason: t.string, at: Instant },
  'SeatReleased',
)

/** SCO-5: the board's expert review; `groups` are the forms holding the task. */
export const ExpertReviewRecorded = t.type(
  {
    type: t.literal('ExpertReviewRecorded'),
    examId: ExamId,
    review: Review,
    groups: t.readonlyArray(GroupCode),
    decidedBy: Id,
    decidedAt: Instant,
  },
  'ExpertReviewRecorded',
)

export const AnnulmentGrounds = t.keyof(
  { copying: null, forged_documents: null, impersonation: null },
  'AnnulmentGrounds',
)
export type AnnulmentGrounds = t.TypeOf<typeof AnnulmentGrounds>

/** EXM-21/EXM-22: one decision; for copying it names both sessions (who copied and who let them). */
export const AnnulmentDecided = t.type(
  {
    type: t.literal('AnnulmentDecided'),
    examId: ExamId,
    decisionId: Id,
    grounds: AnnulmentGrounds,
    sessionIds: t.readonlyArray(Id),
    decidedBy: Id,
    reason: Label,
    evidenceRef: Label,
    decidedAt: Instant,
  },
  'AnnulmentDecided',
)

/** APL-1: from `publishedAt` on, the portal shows the results. */
export const ResultsPublished = t.type(
  { type: t.literal('ResultsPublished'), examId: ExamId, publishedAt: Instant, publishedBy: Id, at: Instant },
  'ResultsPublished',
)

export const ExamEvent = t.union(
  [
    ExamDefined,
    SeatAllocated,
    SeatAllocationDeclined,
    SeatReleased,
    ExpertReviewRecorded,
    AnnulmentDecided,
    ResultsPublished,
  ],
  'ExamEvent',
)

export type ExamDefined = t.TypeOf<typeof ExamDefined>
export type SeatAllocated = t.TypeOf<typeof SeatAllocated>
export type SeatAllocationDeclined = t.TypeOf<typeof SeatAllocationDeclined>
export type SeatReleased = t.TypeOf<typeof SeatReleased>
export type ExpertReviewRecorded = t.TypeOf<typeof ExpertReviewRecorded>
export type AnnulmentDecided = t.TypeOf<typeof AnnulmentDecided>
export type ResultsPublished = t.TypeOf<typeof ResultsPublished>
export type ExamEvent = t.TypeOf<typeof ExamEvent>
