import type { SessionEvent, SessionRow } from '@imtahan/domain'
import { decodeRecorded } from '../../command/codec.js'
import { SESSION } from '../shared/streams.js'
import type { ExamEnv } from './env.js'

/** Every session of a sitting in the results projection, ordered by session id. */
export const allRows = async (exam: ExamEnv, examId: string): Promise<SessionRow[]> =>
  (await exam.results.results(examId)).rows.buckets
    .flatMap((bucket) => [...bucket.values()])
    .sort((a, b) => (a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : 0))

/** The latest event of `type` in a session, read from the end of its stream (a few events back at most). */
export const readRecent = async (
  exam: ExamEnv,
  sessionId: string,
  type: string,
): Promise<SessionEvent | undefined> => {
  const recent = await exam.store.readStream(SESSION.streamOf(sessionId), {
    fromRevision: 'end',
    direction: 'backwards',
    maxCount: 8,
  })
  const found = recent.find((event) => event.type === type)
  return found === undefined ? undefined : decodeRecorded(SESSION.codec, found)
}
