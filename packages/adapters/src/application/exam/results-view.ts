import {
  type ExamDefined,
  emptySittingResults,
  evolveSittingResults,
  examIdOfSession,
  type SittingResults,
} from '@imtahan/domain'
import { decodeRecorded } from '../../command/codec.js'
import type { RecordedEvent } from '../../store/port.js'
import { readByLookup, readDocument, type ViewDefinition } from '../../views/definition.js'
import { richJsonCodec } from '../../views/rich-json.js'
import {
  EXAM,
  EXAM_PREFIX,
  isExamStream,
  isSessionStream,
  SESSION,
  SESSION_PREFIX,
} from '../shared/streams.js'
import type { Views } from '../shared/views.js'

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

/** `sitting:<examId>` the results, `exam:<examId>` the header (listed by `EXAMS`), `end:<sessionId>` where it ended. */
type ResultsDoc = SittingResults | SittingHeader | { readonly endRevision: bigint }
const EXAMS = 'exams'

const keysOf = (event: RecordedEvent): readonly string[] => {
  if (!RESULT_TYPES.has(event.type)) return []
  if (isSessionStream(event.streamId)) {
    const sessionId = event.streamId.slice(SESSION_PREFIX.length)
    const sitting = `sitting:${examIdOfSession(sessionId)}`
    return event.type === 'SessionEnded' ? [sitting, `end:${sessionId}`] : [sitting]
  }
  if (!isExamStream(event.streamId)) return []
  const examId = event.streamId.slice(EXAM_PREFIX.length)
  return event.type === 'ExamDefined' || event.type === 'ResultsPublished'
    ? [`sitting:${examId}`, `exam:${examId}`]
    : [`sitting:${examId}`]
}

const decode = (event: RecordedEvent) =>
  isSessionStream(event.streamId) ? decodeRecorded(SESSION.codec, event) : decodeRecorded(EXAM.codec, event)

/**
 * Per sitting, the domain's results fold (`evolveSittingResults`) as a
 * persisted view; beside it each sitting's definition (for the list of
 * sittings) and each finished session's `SessionEnded` revision (where a
 * re-score reads from).
 */
export const sittingResultsDefinition: ViewDefinition<ResultsDoc> = {
  name: 'sitting-results',
  version: '1',
  keysOf,
  apply: (doc, event, key) => {
    if (key.startsWith('end:')) return { endRevision: event.revision }
    const decoded = decode(event)
    if (key.startsWith('exam:'))
      return decoded.type === 'ResultsPublished'
        ? { ...(doc as SittingHeader), publishedAt: decoded.publishedAt }
        : { defined: decoded as ExamDefined }
    return evolveSittingResults((doc as SittingResults | undefined) ?? emptySittingResults, decoded)
  },
  lookupOf: (_doc, key) => (key.startsWith('exam:') ? EXAMS : undefined),
  codec: richJsonCodec<ResultsDoc>(),
}

export type ResultsView = {
  /** Brings every sitting's results up to the end of the log as it is now. */
  readonly catchUp: () => Promise<void>
  readonly results: (examId: string) => Promise<SittingResults>
  /** Every sitting defined, with its publication. */
  readonly sittings: () => Promise<readonly SittingHeader[]>
  /** The revision of a finished session's `SessionEnded`: a re-score reads the stream from there. */
  readonly endRevision: (sessionId: string) => Promise<bigint | undefined>
}

export const createResultsView = (views: Views): ResultsView => {
  const read = (key: string) => readDocument(views.store, sittingResultsDefinition, key)
  return {
    catchUp: () => views.catchUp(sittingResultsDefinition),
    results: async (examId) =>
      ((await read(`sitting:${examId}`)) as SittingResults | undefined) ?? emptySittingResults,
    sittings: async () =>
      (await readByLookup(views.store, sittingResultsDefinition, EXAMS)).map(
        ({ doc }) => doc as SittingHeader,
      ),
    endRevision: async (sessionId) =>
      ((await read(`end:${sessionId}`)) as { readonly endRevision: bigint } | undefined)?.endRevision,
  }
}
