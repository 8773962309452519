import {
  type ExamDefined,
  emptySittingResults,
  evolveSittingResults,
  examIdOfSession,
  type SittingResults,
  type SittingSummary,
  sittingResultsOf,
} from '@imtahan/domain'
import { decodeRecorded } from '../../command/codec.js'
import type { RecordedEvent } from '../../store/port.js'
import { readByLookup, readByLookupPages, readDocument, type ViewDefinition } from '../../views/definition.js'
import {
  EXAM,
  EXAM_PREFIX,
  isExamStream,
  isSessionStream,
  SESSION,
  SESSION_PREFIX,
} from '../shared/streams.js'
import type { Views } from '../shared/views.js'
import { applySessionDoc, resultsDocCodec, type SessionDoc, type SessionTail } from './results-session-doc.js'

export type { SessionDoc, SessionTail } from './results-session-doc.js'

/**
 * The event types the results projection folds (see `evolveSittingResults`);
 * the rest — above all the answers, a hundred per candidate — are not even
 * decoded.
 */
const RESULT_TYPES = new Set([
  'ExamDefined',
  'ResultsPublished',
  'RegistrationRequested',
  'RegistrationConfirmed',
  'RegistrationRefused',
  'HallRegistered',
  'CandidateDataCorrected',
  'SessionPaused',
  'SessionResumed',
  'ExtensionGranted',
  'SessionEnded',
  'ResultAnnulled',
  'CourtRulingRecorded',
  'ScoreRevised',
  'ScoreRevisedOnAppeal',
])

/** A sitting as its list shows it, without loading its results. */
export type SittingHeader = { readonly defined: ExamDefined; readonly publishedAt?: Date | undefined }

/**
 * `sitting:<examId>` the summary, `exam:<examId>` the header (listed by
 * `EXAMS`), `session:<sessionId>` one row (listed by `sitting:<examId>`).
 */
type ResultsDoc = SittingSummary | SittingHeader | SessionDoc
const EXAMS = 'exams'
const SESSION_KEY = 'session:'
const sittingKey = (examId: string) => `sitting:${examId}`

/** The session an event is about: the session stream's own, or one an Exam-stream event names. */
const sessionOf = (event: RecordedEvent): string | undefined => {
  if (isSessionStream(event.streamId)) return event.streamId.slice(SESSION_PREFIX.length)
  const named = event.data.sessionId
  return typeof named === 'string' ? named : undefined
}

const keysOf = (event: RecordedEvent): readonly string[] => {
  if (!RESULT_TYPES.has(event.type)) return []
  const sessionId = sessionOf(event)
  if (sessionId !== undefined) return [`${SESSION_KEY}${sessionId}`]
  if (!isExamStream(event.streamId)) return []
  const examId = event.streamId.slice(EXAM_PREFIX.length)
  return event.type === 'ExamDefined' || event.type === 'ResultsPublished'
    ? [sittingKey(examId), `exam:${examId}`]
    : []
}

const decode = (event: RecordedEvent) =>
  isSessionStream(event.streamId) ? decodeRecorded(SESSION.codec, event) : decodeRecorded(EXAM.codec, event)

/**
 * The domain's results fold (`evolveSittingResults`, row by row with
 * `evolveSessionRow`) as a persisted view with **one document per session**,
 * listed by its sitting (an indexed lookup), so no write or read ever
 * carries a 10,000-candidate document; beside them each sitting's small
 * summary (start, duration, publication) and header (for the list of sittings).
 */
export const sittingResultsDefinition: ViewDefinition<ResultsDoc> = {
  name: 'sitting-results',
  version: '3',
  keysOf,
  apply: (doc, event, key) => {
    const decoded = decode(event)
    if (key.startsWith(SESSION_KEY)) return applySessionDoc(doc as SessionDoc | undefined, event, decoded)
    if (key.startsWith('exam:'))
      return decoded.type === 'ResultsPublished'
        ? { ...(doc as SittingHeader), publishedAt: decoded.publishedAt }
        : { defined: decoded as ExamDefined }
    const { rows: _, ...summary } = evolveSittingResults(
      { ...((doc as SittingSummary | undefined) ?? emptySittingResults), rows: emptySittingResults.rows },
      decoded,
    )
    return summary
  },
  lookupOf: (_doc, key) =>
    key.startsWith('exam:')
      ? EXAMS
      : key.startsWith(SESSION_KEY)
        ? sittingKey(examIdOfSession(key.slice(SESSION_KEY.length)))
        : undefined,
  codec: resultsDocCodec<ResultsDoc>(),
}

/** A page of a sitting's results with, per finished session, where its `SessionEnded` is and its tail from there. */
export type SittingRead = {
  readonly results: SittingResults
  readonly endRevisions: ReadonlyMap<string, bigint>
  /** By session id: what a re-score decides on without reading the stream (see `SessionTail`). */
  readonly tails: ReadonlyMap<string, SessionTail>
}

export type ResultsView = {
  /** Brings every sitting's results up to the end of the log as it is now. */
  readonly catchUp: () => Promise<void>
  readonly results: (examId: string) => Promise<SittingResults>
  /**
   * The results a page of sessions at a time in session order (`sizes(index)`
   * documents each), with the `SessionEnded` revisions and the tails: a
   * re-score of 100,000 sessions holds one page.
   */
  readonly pages: (examId: string, sizes: (index: number) => number) => AsyncGenerator<SittingRead>
  /** The sitting's summary with one session's row only (if it has one): a candidate's own result. */
  readonly resultOf: (examId: string, sessionId: string) => Promise<SittingResults>
  /** Every sitting defined, with its publication. */
  readonly sittings: () => Promise<readonly SittingHeader[]>
}

const withRows = (summary: SittingSummary | undefined, docs: readonly SessionDoc[]): SittingResults =>
  sittingResultsOf(
    summary,
    docs.map(({ row }) => row),
  )

export const createResultsView = (views: Views): ResultsView => {
  const get = (key: string) => readDocument(views.store, sittingResultsDefinition, key)
  const summaryOf = async (examId: string) => (await get(sittingKey(examId))) as SittingSummary | undefined
  async function* pages(examId: string, sizes: (index: number) => number): AsyncGenerator<SittingRead> {
    const summary = await summaryOf(examId)
    const listed = readByLookupPages(views.store, sittingResultsDefinition, sittingKey(examId), sizes)
    for await (const page of listed) {
      const docs = page.map(({ doc }) => doc as SessionDoc)
      const endRevisions = new Map<string, bigint>()
      const tails = new Map<string, SessionTail>()
      for (const { row, endRevision, tail } of docs) {
        if (endRevision !== undefined) endRevisions.set(row.sessionId, endRevision)
        if (tail !== undefined) tails.set(row.sessionId, tail)
      }
      yield { results: withRows(summary, docs), endRevisions, tails }
    }
  }
  return {
    catchUp: () => views.catchUp(sittingResultsDefinition),
    results: async (examId) => {
      const [summary, listed] = await Promise.all([
        summaryOf(examId),
        readByLookup(views.store, sittingResultsDefinition, sittingKey(examId)),
      ])
      return withRows(
        summary,
        listed.map(({ doc }) => doc as SessionDoc),
      )
    },
    pages,
    resultOf: async (examId, sessionId) => {
      const [summary, doc] = await Promise.all([summaryOf(examId), get(`${SESSION_KEY}${sessionId}`)])
      return withRows(summary, doc === undefined ? [] : [doc as SessionDoc])
    },
    sittings: async () =>
      (await readByLookup(views.store, sittingResultsDefinition, EXAMS)).map(
        ({ doc }) => doc as SittingHeader,
      ),
  }
}
