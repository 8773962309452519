import {
  type AppealableSession,
  appealableSessionOf,
  type DomainError,
  domainError,
  examIdOfSession,
  type ScoreRevisedOnAppeal,
  type SessionState,
  sittingViewOf,
} from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import { SESSION } from '../shared/streams.js'
import type { AppealEnv } from './env.js'

export const noSession = (examId: string): DomainError =>
  domainError('session.not_found', `You have no session in sitting ${examId}.`, { examId })

export const loadSession = async (appeals: AppealEnv, sessionId: string): Promise<SessionState> =>
  (await appeals.load(SESSION, sessionId)).state

/** The session's re-scores on appeal, in order (APL-6: each is its own event). */
export const appealRevisionsOf = async (
  appeals: AppealEnv,
  sessionId: string,
): Promise<readonly ScoreRevisedOnAppeal[]> => (await loadSession(appeals, sessionId)).appealRevisions

/**
 * The session as a filing is judged against it: its answers, form and
 * annulment, and the sitting's publication instant (APL-1). The sitting is
 * read fresh (a publication may have just been recorded); the cache only
 * spares re-reading what was already folded.
 */
export const appealableSession = async (
  appeals: AppealEnv,
  state: SessionState,
  sessionId: string,
): Promise<E.Either<DomainError, AppealableSession | undefined>> => {
  const examId = examIdOfSession(sessionId)
  const { state: exam } = await appeals.sittings.load(examId)
  const sitting = sittingViewOf(exam)
  if (sitting === undefined)
    return E.left(domainError('exam.unknown_sitting', `There is no sitting ${examId}.`, { examId }))
  return E.right(appealableSessionOf(state, sitting, exam.published?.publishedAt))
}
