import * as E from 'fp-ts/lib/Either.js'
import { DEFAULT_BLUEPRINT } from '../blueprint.js'
import { OPEN_ANSWER_NORMALISATION } from '../normalise.js'
import { ExamDefined, ExamDefinedV1 } from './events.js'

/**
 * Upcasting: stored events are never rewritten, so an event recorded under an
 * older shape is read through an upcaster that returns the current shape.
 * Upcasters work on the stored form (`type` and encoded `data`) before the
 * codec reads it; the application and the audit call `upcastStored` in the
 * one place each decodes a stored event.
 */
export type StoredEvent = { readonly type: string; readonly data: Readonly<Record<string, unknown>> }

/**
 * `ExamDefined` version 1 (before the event recorded its blueprint) → version
 * 2 with what was in force then: the default blueprint and pass marks of SPEC
 * §3.1 (the product had no other blueprint in service) and open-answer
 * normalisation 1 (the only rule there has been).
 */
export const upcastExamDefined = (v1: ExamDefinedV1): ExamDefined => ({
  ...v1,
  version: 2,
  blueprint: DEFAULT_BLUEPRINT,
  openAnswerNormalisation: OPEN_ANSWER_NORMALISATION,
})

const examDefined = (stored: StoredEvent): StoredEvent => {
  if ('version' in stored.data) return stored
  const v1 = ExamDefinedV1.decode({ ...stored.data, type: stored.type })
  // Not a valid version 1 either: left as it is, so the codec names what fails.
  if (E.isLeft(v1)) return stored
  const { type, ...data } = ExamDefined.encode(upcastExamDefined(v1.right))
  return { type, data }
}

const UPCASTERS: Readonly<Record<string, (stored: StoredEvent) => StoredEvent>> = {
  ExamDefined: examDefined,
}

/** The stored event in its current shape (itself when no upcaster applies). */
export const upcastStored = <Stored extends StoredEvent>(stored: Stored): Stored => {
  const upcaster = UPCASTERS[stored.type]
  if (upcaster === undefined) return stored
  const current = upcaster(stored)
  return current === stored ? stored : { ...stored, type: current.type, data: current.data }
}
