import {
  type AppealState,
  appealDecider,
  cabinetIdOfSession,
  type ExamDefined,
  parseAppealId,
  type ResultsPublished,
} from '@imtahan/domain'
import { decodeRecorded } from '../../command/codec.js'
import type { RecordedEvent } from '../../store/port.js'
import { readByLookup, readDocument, type ViewDefinition } from '../../views/definition.js'
import { richJsonCodec } from '../../views/rich-json.js'
import {
  APPEAL,
  APPEAL_PREFIX,
  EXAM,
  EXAM_PREFIX,
  isAppealStream,
  isExamStream,
  isSessionStream,
  SESSION_PREFIX,
} from '../shared/streams.js'
import type { Views } from '../shared/views.js'

export type SittingFacts = { readonly defined?: ExamDefined; readonly published?: ResultsPublished }

/** What CAB-11 needs to find a cabinet's streams: its sessions and its appeals. */
export type CabinetIndex = { readonly sessions: readonly string[]; readonly appeals: readonly string[] }

/** `appeal:<id>` the appeal (listed by `APPEALS`), `cabinet:<id>` its index, `sitting:<examId>` its facts. */
type AppealsDoc = AppealState | CabinetIndex | SittingFacts
const APPEALS = 'appeals'
const SITTING_TYPES = new Set(['ExamDefined', 'ResultsPublished'])
const NO_INDEX: CabinetIndex = { sessions: [], appeals: [] }

const keysOf = (event: RecordedEvent): readonly string[] => {
  const { streamId } = event
  if (isAppealStream(streamId)) {
    const appealId = streamId.slice(APPEAL_PREFIX.length)
    // An appeal's id names its session, whose id names the cabinet (appeal/ids.ts).
    const session = parseAppealId(appealId)?.sessionId
    return event.type === 'AppealFiled' && session !== undefined
      ? [`appeal:${appealId}`, `cabinet:${cabinetIdOfSession(session)}`]
      : [`appeal:${appealId}`]
  }
  if (isSessionStream(streamId))
    return [`cabinet:${cabinetIdOfSession(streamId.slice(SESSION_PREFIX.length))}`]
  if (isExamStream(streamId) && SITTING_TYPES.has(event.type))
    return [`sitting:${streamId.slice(EXAM_PREFIX.length)}`]
  return []
}

const withOnce = (list: readonly string[], item: string) => (list.includes(item) ? list : [...list, item])

const apply = (doc: AppealsDoc | undefined, event: RecordedEvent, key: string): AppealsDoc => {
  if (key.startsWith('cabinet:')) {
    const index = (doc as CabinetIndex | undefined) ?? NO_INDEX
    return isSessionStream(event.streamId)
      ? { ...index, sessions: withOnce(index.sessions, event.streamId.slice(SESSION_PREFIX.length)) }
      : { ...index, appeals: withOnce(index.appeals, event.streamId.slice(APPEAL_PREFIX.length)) }
  }
  if (key.startsWith('sitting:')) {
    const event_ = decodeRecorded(EXAM.codec, event)
    const facts = (doc as SittingFacts | undefined) ?? {}
    if (event_.type === 'ExamDefined') return { ...facts, defined: event_ }
    return event_.type === 'ResultsPublished' ? { ...facts, published: event_ } : facts
  }
  return appealDecider.evolve(
    (doc as AppealState | undefined) ?? appealDecider.initialState,
    decodeRecorded(APPEAL.codec, event),
  )
}

/**
 * The appeals (for the commission's list) and, per cabinet, which sessions
 * and appeals it has (for CAB-11), as a persisted view: each appeal is the
 * domain's own fold (`appealDecider.evolve`). A session's events are not
 * decoded here — its stream id names the cabinet; the record reads the few
 * streams a cabinet has when it is asked for.
 */
export const appealsDefinition: ViewDefinition<AppealsDoc> = {
  name: 'appeals',
  version: '1',
  keysOf,
  apply,
  lookupOf: (_doc, key) => (key.startsWith('appeal:') ? APPEALS : undefined),
  codec: richJsonCodec<AppealsDoc>(),
}

export type AppealsView = {
  readonly catchUp: () => Promise<void>
  /** Every appeal, as its stream folds. */
  readonly appeals: () => Promise<readonly AppealState[]>
  readonly appealsOfCabinet: (cabinetId: string) => Promise<readonly AppealState[]>
  /** The sessions a cabinet has (any event in `examsession-<examId>.<cabinetId>`). */
  readonly sessionsOfCabinet: (cabinetId: string) => Promise<readonly string[]>
  readonly sitting: (examId: string) => Promise<SittingFacts>
}

export const createAppealsView = (views: Views): AppealsView => {
  const read = (key: string) => readDocument(views.store, appealsDefinition, key)
  const index = async (cabinetId: string) =>
    ((await read(`cabinet:${cabinetId}`)) as CabinetIndex | undefined) ?? NO_INDEX
  return {
    catchUp: () => views.catchUp(appealsDefinition),
    appeals: async () =>
      (await readByLookup(views.store, appealsDefinition, APPEALS)).map(({ doc }) => doc as AppealState),
    appealsOfCabinet: async (cabinetId) => {
      const found: AppealState[] = []
      for (const appealId of (await index(cabinetId)).appeals) {
        const state = (await read(`appeal:${appealId}`)) as AppealState | undefined
        if (state !== undefined) found.push(state)
      }
      return found
    },
    sessionsOfCabinet: async (cabinetId) => (await index(cabinetId)).sessions,
    sitting: async (examId) => ((await read(`sitting:${examId}`)) as SittingFacts | undefined) ?? {},
  }
}
