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

const vocabulary = <K extends string>(name: string, keys: Record<K, null>, description: string) => {
  const codec = t.keyof(keys, name)
  return documented(codec, { enum: Object.keys(keys), description, example: Object.keys(keys)[0] })
}

export const subject = documented(Subject, {
  enum: Object.keys(Subject.keys),
  description: 'SPEC §3.1 subject',
})
export const group = documented(GroupCode, {
  enum: Object.keys(GroupCode.keys),
  description: 'SPEC §3.1 group',
})
export const subgroup = documented(SubgroupCode, {
  enum: Object.keys(SubgroupCode.keys),
  description: 'SPEC §3.1 subgroup (its pass mark, SCO-4)',
  example: 'AA2',
})
export const annulmentGrounds = documented(AnnulmentGrounds, {
  enum: Object.keys(AnnulmentGrounds.keys),
  description: 'EXM-21 grounds',
})
export const endReason = documented(EndReason, {
  enum: Object.keys(EndReason.keys),
  description: 'How the session ended (EXM-16, EXM-20)',
})

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
