import {
  ExamEvent,
  examDecider,
  examSessionDecider,
  examStreamId,
  SessionEvent,
  sessionStreamId,
} from '@imtahan/domain'
import type { EventCodec } from '../../command/codec.js'
import type { Aggregate } from '../shared/streams.js'

/**
 * The two exam aggregates as the application stores them: a sitting
 * (`exam-<examId>`, board data and seats) and a candidate's session
 * (`examsession-<examId>.<cabinetId>`). Both prefixes are also in the audit's
 * catalog; `examsession-` is the longer one, so it wins for session streams.
 */
export const EXAM_PREFIX = examStreamId('')
export const SESSION_PREFIX = sessionStreamId('')

export const EXAM: Aggregate<
  Parameters<typeof examDecider.decide>[0],
  ExamEvent,
  typeof examDecider.initialState,
  Parameters<typeof examDecider.decide>[2]
> = { decider: examDecider, codec: ExamEvent as EventCodec<ExamEvent>, streamOf: examStreamId }

export const SESSION: Aggregate<
  Parameters<typeof examSessionDecider.decide>[0],
  SessionEvent,
  typeof examSessionDecider.initialState,
  Parameters<typeof examSessionDecider.decide>[2]
> = {
  decider: examSessionDecider,
  codec: SessionEvent as EventCodec<SessionEvent>,
  streamOf: sessionStreamId,
}

export const isExamStream = (streamId: string): boolean =>
  streamId.startsWith(EXAM_PREFIX) && !streamId.startsWith(SESSION_PREFIX)
export const isSessionStream = (streamId: string): boolean => streamId.startsWith(SESSION_PREFIX)
