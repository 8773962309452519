import {
  type ExamDefined,
  type ExamEvent,
  emptySittingResults,
  evolveSittingResults,
  examIdOfSession,
  type SessionEvent,
  type SittingResults,
} from '@imtahan/domain'
import { decodeRecorded } from '../../command/codec.js'
import { createMemoryCheckpointStore } from '../../runner/checkpoints.js'
import { catchUpProjection, runProjection } from '../../runner/projection.js'
import type { EventStore, RecordedEvent, Subscription } from '../../store/port.js'
import { serialised } from '../shared/serialised.js'
import { EXAM, isExamStream, isSessionStream, SESSION } from '../shared/streams.js'

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

export type ResultsView = {
  /** Brings every sitting's results up to the end of the log as it is now. */
  readonly catchUp: () => Promise<void>
  readonly follow: (onError: (error: unknown) => void) => Promise<Subscription>
  readonly results: (examId: string) => SittingResults
  readonly definitions: () => readonly ExamDefined[]
  /** The revision of a finished session's `SessionEnded`: a re-score reads the stream from there. */
  readonly endRevision: (sessionId: string) => bigint | undefined
}

/**
 * Per sitting, the results projection (`foldSittingResults`) kept in memory
 * and fed from the global log, like the unclaimed-payments view: a restarted
 * process replays. The runner may deliver an event twice; the last revision
 * seen per stream makes the fold idempotent (a pause counted twice would
 * move a deadline).
 */
export const createResultsView = (store: EventStore): ResultsView => {
  const sittings = new Map<string, SittingResults>()
  const definitions = new Map<string, ExamDefined>()
  const seen = new Map<string, bigint>()
  const ends = new Map<string, bigint>()

  const fold = (examId: string, event: ExamEvent | SessionEvent) =>
    sittings.set(examId, evolveSittingResults(sittings.get(examId) ?? emptySittingResults, event))

  const project = async (recorded: RecordedEvent) => {
    const { streamId, revision } = recorded
    const exam = isExamStream(streamId)
    if (!exam && !isSessionStream(streamId)) return
    if ((seen.get(streamId) ?? -1n) >= revision) return
    seen.set(streamId, revision)
    if (!RESULT_TYPES.has(recorded.type)) return
    if (exam) {
      const event = decodeRecorded(EXAM.codec, recorded)
      if (event.type === 'ExamDefined') definitions.set(event.examId, event)
      fold(event.examId, event)
      return
    }
    const event = decodeRecorded(SESSION.codec, recorded)
    if (event.type === 'SessionEnded') ends.set(event.sessionId, revision)
    fold(examIdOfSession(event.sessionId), event)
  }

  const options = {
    store,
    checkpoints: createMemoryCheckpointStore(),
    name: 'imtahan.view.sitting-results',
    project,
  }
  const exclusive = serialised()
  return {
    catchUp: () => exclusive(async () => void (await catchUpProjection({ ...options, batchSize: 2048 }))),
    follow: (onError) => runProjection({ ...options, onError }),
    results: (examId) => sittings.get(examId) ?? emptySittingResults,
    definitions: () => [...definitions.values()],
    endRevision: (sessionId) => ends.get(sessionId),
  }
}
