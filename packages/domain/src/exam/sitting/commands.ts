import * as t from 'io-ts'
import { MoneyFromString } from '../../kernel/money.js'
import { Instant } from '../../kernel/time.js'
import { Id, Label } from '../../values/ids.js'
import { Review } from '../model.js'
import { ExamId } from './codecs.js'
import { AnnulmentGrounds, FormWithKey, Hall, Venue } from './events.js'
import { Timing } from './timing.js'

/*
 * Commands of the sitting, as codecs: the HTTP layer and the CLI decode what
 * they receive with `decodeWith(ExamCommand)`, so a malformed field is
 * refused with a sentence naming it before any decision is taken. The
 * instant of a decision is `context.now`, never a field a caller could set.
 */

/** Board: define the sitting. Timing fields left out take the defaults of RULES.md. */
export const DefineExam = t.type(
  {
    type: t.literal('DefineExam'),
    examId: ExamId,
    title: Label,
    startsAt: Instant,
    venue: Venue,
    halls: t.readonlyArray(Hall),
    forms: t.readonlyArray(FormWithKey),
    fee: MoneyFromString,
    timing: t.partial(Timing.props),
    definedBy: Id,
  },
  'DefineExam',
)

/** Registration process: hold a seat for this registration (EXM-10). */
export const AllocateSeat = t.type(
  { type: t.literal('AllocateSeat'), examId: ExamId, registrationId: Id, sessionId: Id },
  'AllocateSeat',
)

/** Registration process: give the seat back (the fee could not be charged). */
export const ReleaseSeat = t.type(
  { type: t.literal('ReleaseSeat'), examId: ExamId, registrationId: Id, reason: t.string },
  'ReleaseSeat',
)

/** Board: SCO-5 expert review (`credit_to_all` or `accept_answer`), with its reason inside the review. */
export const RecordExpertReview = t.type(
  { type: t.literal('RecordExpertReview'), examId: ExamId, review: Review, decidedBy: Id },
  'RecordExpertReview',
)

/** Board: EXM-21 annulment decision (copying names two sessions; forgery and impersonation one). */
export const DecideAnnulment = t.type(
  {
    type: t.literal('DecideAnnulment'),
    examId: ExamId,
    decisionId: Id,
    grounds: AnnulmentGrounds,
    sessionIds: t.readonlyArray(Id),
    decidedBy: Id,
    reason: Label,
    evidenceRef: Label,
  },
  'DecideAnnulment',
)

/** Board: APL-1 publication at `publishAt` (now or later, never before the exam has ended). */
export const PublishResults = t.type(
  { type: t.literal('PublishResults'), examId: ExamId, publishAt: Instant, publishedBy: Id },
  'PublishResults',
)

export const ExamCommand = t.union(
  [DefineExam, AllocateSeat, ReleaseSeat, RecordExpertReview, DecideAnnulment, PublishResults],
  'ExamCommand',
)

export type DefineExam = t.TypeOf<typeof DefineExam>
export type AllocateSeat = t.TypeOf<typeof AllocateSeat>
export type ReleaseSeat = t.TypeOf<typeof ReleaseSeat>
export type RecordExpertReview = t.TypeOf<typeof RecordExpertReview>
export type DecideAnnulment = t.TypeOf<typeof DecideAnnulment>
export type PublishResults = t.TypeOf<typeof PublishResults>
export type ExamCommand = t.TypeOf<typeof ExamCommand>
