import * as t from 'io-ts'
import { Instant } from '../../kernel/time.js'
import { Id, Label } from '../../values/ids.js'
import { wholeNumber } from '../sitting/codecs.js'
import { AnnulmentGrounds } from '../sitting/events.js'
import { ScoreResultCodec, sessionProps } from './codecs.js'

// EXM-20…EXM-22, SCO-5: after the exam — annulment, its court challenge and re-scores.

export const ResultAnnulmentGrounds = t.union(
  [AnnulmentGrounds, t.literal('removal')],
  'ResultAnnulmentGrounds',
)

/** EXM-20/21/22: who decided, when, why, on what evidence; for copying, the other session of the pair. */
export const ResultAnnulled = t.type(
  {
    type: t.literal('ResultAnnulled'),
    ...sessionProps,
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
    ...sessionProps,
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
    ...sessionProps,
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
    ...sessionProps,
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

export type ResultAnnulled = t.TypeOf<typeof ResultAnnulled>
export type CourtChallengeFiled = t.TypeOf<typeof CourtChallengeFiled>
export type CourtRulingRecorded = t.TypeOf<typeof CourtRulingRecorded>
export type ScoreRevised = t.TypeOf<typeof ScoreRevised>
