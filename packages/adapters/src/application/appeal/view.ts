import {
  type AppealEvent,
  type AppealState,
  appealDecider,
  cabinetIdOfSession,
  type ExamDefined,
  type ResultsPublished,
} from '@imtahan/domain'
import { decodeRecorded } from '../../command/codec.js'
import { createMemoryCheckpointStore } from '../../runner/checkpoints.js'
import { catchUpProjection, runProjection } from '../../runner/projection.js'
import type { EventStore, RecordedEvent, Subscription } from '../../store/port.js'
import { serialised } from '../shared/serialised.js'
import {
  APPEAL,
  EXAM,
  isAppealStream,
  isExamStream,
  isSessionStream,
  SESSION_PREFIX,
} from '../shared/streams.js'

export type SittingFacts = { readonly defined?: ExamDefined; readonly published?: ResultsPublished }

export type AppealsView = {
  readonly catchUp: () => Promise<void>
  readonly follow: (onError: (error: unknown) => void) => Promise<Subscription>
  /** Every appeal, as its stream folds. */
  readonly appeals: () => readonly AppealState[]
  readonly appeal: (appealId: string) => AppealState | undefined
  readonly appealsOfCabinet: (cabinetId: string) => readonly AppealState[]
  /** The sessions a cabinet has (any event in `examsession-<examId>.<cabinetId>`). */
  readonly sessionsOfCabinet: (cabinetId: string) => readonly string[]
  readonly sitting: (examId: string) => SittingFacts
}

const SITTING_TYPES = new Set(['ExamDefined', 'ResultsPublished'])

/**
 * The appeals (for the commission's list) and, per cabinet, which sessions
 * and appeals it has (for CAB-11), kept in memory and fed from the global
 * log like the other views: a restarted process replays. The last revision
 * seen per stream makes the fold idempotent under redelivery. A session's
 * events are not decoded here — its stream id names the cabinet; the record
 * reads the few streams a cabinet has when it is asked for.
 */
export const createAppealsView = (store: EventStore): AppealsView => {
  const appeals = new Map<string, AppealState>()
  const byCabinet = new Map<string, Set<string>>()
  const sessions = new Map<string, Set<string>>()
  const sittings = new Map<string, SittingFacts>()
  const seen = new Map<string, bigint>()

  const add = (index: Map<string, Set<string>>, key: string, value: string) => {
    const set = index.get(key) ?? new Set<string>()
    set.add(value)
    index.set(key, set)
  }

  const project = async (recorded: RecordedEvent) => {
    const { streamId, revision } = recorded
    const appeal = isAppealStream(streamId)
    const session = !appeal && isSessionStream(streamId)
    const exam = !appeal && !session && isExamStream(streamId)
    if (!appeal && !session && !exam) return
    if ((seen.get(streamId) ?? -1n) >= revision) return
    seen.set(streamId, revision)
    if (session) {
      const sessionId = streamId.slice(SESSION_PREFIX.length)
      add(sessions, cabinetIdOfSession(sessionId), sessionId)
      return
    }
    if (exam) {
      if (!SITTING_TYPES.has(recorded.type)) return
      const event = decodeRecorded(EXAM.codec, recorded)
      if (event.type === 'ExamDefined')
        sittings.set(event.examId, { ...sittings.get(event.examId), defined: event })
      if (event.type === 'ResultsPublished')
        sittings.set(event.examId, { ...sittings.get(event.examId), published: event })
      return
    }
    const event: AppealEvent = decodeRecorded(APPEAL.codec, recorded)
    if (event.type === 'AppealFiled') add(byCabinet, event.cabinetId, event.appealId)
    appeals.set(
      event.appealId,
      appealDecider.evolve(appeals.get(event.appealId) ?? appealDecider.initialState, event),
    )
  }

  const options = {
    store,
    checkpoints: createMemoryCheckpointStore(),
    name: 'imtahan.view.appeals',
    project,
  }
  const exclusive = serialised()
  const known = (ids: Iterable<string>) =>
    [...ids].flatMap((id) => {
      const state = appeals.get(id)
      return state === undefined ? [] : [state]
    })
  return {
    catchUp: () => exclusive(async () => void (await catchUpProjection({ ...options, batchSize: 2048 }))),
    follow: (onError) => runProjection({ ...options, onError }),
    appeals: () => [...appeals.values()],
    appeal: (appealId) => appeals.get(appealId),
    appealsOfCabinet: (cabinetId) => known(byCabinet.get(cabinetId) ?? []),
    sessionsOfCabinet: (cabinetId) => [...(sessions.get(cabinetId) ?? [])],
    sitting: (examId) => sittings.get(examId) ?? {},
  }
}
