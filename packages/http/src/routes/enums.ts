import {
  AnnulmentGrounds,
  EndReason,
  GroupCode,
  type Phase,
  type Review,
  type SessionStatus,
  SubgroupCode,
  Subject,
} from '@imtahan/domain'
import * as t from 'io-ts'
import { documented } from '../openapi/codecs.js'

/*
 * The closed vocabularies of the exam and appeal answers, as codecs: the
 * document lists every value (an `enum`), and `satisfies` ties each list to
 * the domain's own type, so a new value there fails to compile here.
 */

/** A domain vocabulary (`t.keyof`) with its description: every value listed, the first as example. */
const listed = <D extends { [key: string]: unknown }>(
  codec: t.KeyofC<D>,
  description: string,
  example?: keyof D & string,
) => {
  const values = Object.keys(codec.keys)
  return documented(codec, { enum: values, description, example: example ?? values[0] })
}

/** A vocabulary the domain types but has no codec for. */
const vocabulary = <K extends string>(name: string, keys: Record<K, null>, description: string) =>
  listed(t.keyof(keys, name), description)

/** SPEC §3.1: a task's subject. */
export const subject = listed(Subject, 'SPEC §3.1 subject')
/** SPEC §3.1: a form's group. */
export const group = listed(GroupCode, 'SPEC §3.1 group')
/** SPEC §3.1: the subgroup a candidate registers for. */
export const subgroup = listed(SubgroupCode, 'SPEC §3.1 subgroup (its pass mark, SCO-4)', 'AA2')
/** EXM-21. */
export const annulmentGrounds = listed(AnnulmentGrounds, 'EXM-21 grounds')
/** EXM-16/EXM-20. */
export const endReason = listed(EndReason, 'How the session ended (EXM-16, EXM-20)')

export const phase = vocabulary(
  'Phase',
  {
    in_progress: null,
    not_registered: null,
    registration_pending: null,
    registration_refused: null,
    registered: null,
    admitted: null,
    seated: null,
    familiarisation: null,
    paused: null,
    ended: null,
    absent: null,
  } satisfies Record<Phase, null>,
  'Where the session stands at this instant (EXM-10…EXM-16)',
)

export const recordStatus = vocabulary(
  'RecordSessionStatus',
  {
    registered: null,
    registration_requested: null,
    registration_refused: null,
    admitted: null,
    not_admitted: null,
    ended: null,
  } satisfies Record<SessionStatus, null>,
  'Where the registration stands (CAB-11)',
)

export const reviewKind = vocabulary(
  'ReviewKind',
  { credit_to_all: null, accept_answer: null } satisfies Record<Review['kind'], null>,
  'SCO-5: credit every candidate, or accept one more answer',
)

export const rescoreStatus = vocabulary(
  'RescoreStatus',
  { done: null, unchanged: null, pending: null, none: null },
  'done (re-scored, see revisions) | unchanged (no score changed) | pending (the background runner finishes it) | none',
)
