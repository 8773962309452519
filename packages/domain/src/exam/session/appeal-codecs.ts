import * as t from 'io-ts'
import { Instant } from '../../kernel/time.js'
import { Id, Label } from '../../values/ids.js'
import { TaskId } from '../model.js'
import { wholeNumber } from '../sitting/codecs.js'
import { ScoreResultCodec } from './codecs.js'

/*
 * APL-4/APL-5 on the session's side: a per-candidate correction of task
 * judgements, decided by the appeals commission or a court. Unlike an expert
 * review (SCO-5), which changes the key for everyone who sat the form, a
 * correction applies to this one session only — so it lives in the session's
 * history, with the old and the new score (APL-6), and every later re-score
 * of the session keeps it (see revisions.ts).
 *
 * Both kinds make the task count as correct for this candidate; the kind
 * says why. `credited`: the task is counted correct whatever was answered
 * (e.g. it was faulty as shown). `answer_accepted`: the answer the candidate
 * gave is accepted as correct (the event keeps that answer). A correction to
 * "wrong" does not exist: an appeal is the candidate's remedy, and a key
 * that is wrong for everyone is the board's expert review, not an appeal.
 */

export const CorrectionKind = t.keyof({ credited: null, answer_accepted: null }, 'CorrectionKind')
export type CorrectionKind = t.TypeOf<typeof CorrectionKind>

export const AppealCorrection = t.type({ taskId: TaskId, kind: CorrectionKind }, 'AppealCorrection')
export type AppealCorrection = t.TypeOf<typeof AppealCorrection>

/** A correction as applied: with the answer the candidate had given (null = blank). */
export const AppliedCorrection = t.type(
  { taskId: TaskId, kind: CorrectionKind, answer: t.union([t.string, t.null]) },
  'AppliedCorrection',
)
export type AppliedCorrection = t.TypeOf<typeof AppliedCorrection>

/** Who changed the result: the appeals commission (APL-4) or a court (APL-5, the final revision). */
export const CorrectionAuthority = t.keyof({ commission: null, court: null }, 'CorrectionAuthority')
export type CorrectionAuthority = t.TypeOf<typeof CorrectionAuthority>

const Corrections = new t.Type<readonly AppealCorrection[], readonly AppealCorrection[], unknown>(
  'Corrections',
  (u): u is readonly AppealCorrection[] => t.readonlyArray(AppealCorrection).is(u) && u.length > 0,
  (input, context) => {
    const decoded = t.readonlyArray(AppealCorrection).validate(input, context)
    if (decoded._tag === 'Left') return decoded
    const ids = decoded.right.map((correction) => correction.taskId)
    if (ids.length === 0) return t.failure(input, context, 'name at least one corrected task')
    if (new Set(ids).size !== ids.length) return t.failure(input, context, 'a task is corrected at most once')
    return t.success(decoded.right)
  },
  (corrections) => corrections,
)

/**
 * Appeal process: apply an upheld appeal's (or a court's) corrections to the
 * session. `revisionId` is derived from the appeal (`appeal:<appealId>:commission`
 * or `…:court`), so a redelivered command records nothing the second time.
 */
export const ApplyAppealCorrections = t.type(
  {
    type: t.literal('ApplyAppealCorrections'),
    sessionId: Id,
    revisionId: Id,
    appealId: Id,
    by: CorrectionAuthority,
    corrections: Corrections,
    reason: Label,
  },
  'ApplyAppealCorrections',
)
export type ApplyAppealCorrections = t.TypeOf<typeof ApplyAppealCorrections>

const Score = wholeNumber('Score', 0, 1000)

/** APL-4/APL-5/APL-6: the session re-scored on appeal; the old score stays in the history. */
export const ScoreRevisedOnAppeal = t.type(
  {
    type: t.literal('ScoreRevisedOnAppeal'),
    sessionId: Id,
    revisionId: Id,
    appealId: Id,
    by: CorrectionAuthority,
    corrections: t.readonlyArray(AppliedCorrection),
    reason: Label,
    oldScore: Score,
    newScore: Score,
    oldPassed: t.boolean,
    newPassed: t.boolean,
    result: ScoreResultCodec,
    at: Instant,
  },
  'ScoreRevisedOnAppeal',
)
export type ScoreRevisedOnAppeal = t.TypeOf<typeof ScoreRevisedOnAppeal>
